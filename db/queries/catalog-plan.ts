import type postgres from "postgres";
import type { ListPackagesInput } from "./catalog";
import {
  and,
  identityFilters,
  nameIn,
  packageDates,
  probeFilters,
  versionFilters,
  versionRange,
  type Frag,
  type Scope,
} from "./catalog-filters";
import { broadScore } from "./catalog-page";
import { namesCte, splitSearch, type NameSearch } from "./catalog-search";

// One catalog query, planned: the search split into name and version, what its names match,
// every filter as SQL, the relevance score, and the score segments the broad readers walk.
// catalog.ts counts with it, catalog-read.ts reads a page with it.

export type CatalogPlan = ReturnType<typeof planQuery>;

export function planQuery(
  sql: postgres.Sql,
  input: ListPackagesInput,
  scope: Scope,
  { names, broad }: NameSearch,
  /** A version term's range holding at most this many versions is walked version by version. */
  sparseVersions: number,
) {
  const search = splitSearch(input.q);
  const term = search.term;
  const { field, order } = input.sort;
  const offset = (input.page - 1) * input.perPage;
  // Functions of a name take the row alias (p: a version, f: a series row): a broad term's
  // substring rule reads its stored lowercase name (name_lower, as ILIKE lowercases), the
  // rest its name.
  const nameOf = (a: Frag) => sql`${a}.name`;
  const contains = (a: Frag, like: string) => sql`${a}.name_lower like lower(${like})`;
  // What the term's names match, on a row (null: nothing does).
  const nameMatch = (a: Frag) =>
    broad
      ? sql`(${contains(a, broad.like)} or ${nameOf(a)} = any(${sql.array(broad.others.map((o) => o.name))}::text[]))`
      : names.length
        ? nameIn(sql, nameOf(a), names)
        : null;
  const folded = input.view === "packages";
  // The versions view filters versions. The packages view lists packages, one package_series
  // row each with its own figures, in orders of those figures: its dates keep packages by
  // their own (newest version published, last download), and the search's version and the
  // status keep packages holding a matching version (probed through the version indexes). A
  // package's place never depends on which of its versions matched, so every order is an
  // index walk or a sort of few matches; folding the matching versions of every match to
  // place packages by them cost in proportion to the matches (43–78 ms at 100 000 versions,
  // 550 ms at 1 000 000).
  const versionParts = folded ? [] : versionFilters(sql, input, search, nameMatch(sql`p`));
  const probeParts = folded ? probeFilters(sql, input, search, nameMatch(sql`p`)) : [];
  const seriesDates = folded ? packageDates(sql, input, sql`f`) : [];

  // x carries the package identity: a series row (folded) or a version row (p).
  const x = folded ? sql`f` : sql`p`;
  // A version-only search keeps rows whose version matches even if no name does (in
  // versionParts / probeParts); otherwise a search keeps only matched names.
  const nameFilterOn = (a: Frag) => (!term || search.versionOnly ? null : nameMatch(a));
  const nameFilter = nameFilterOn(x);
  // The probe: series f holds a version p matching probeParts (p's name is f's, so a
  // version-only term's name match reads the same inside it).
  const matchesOf = (f: Frag) =>
    sql`packages p where p.project_id = ${f}.project_id and p.package_type = ${f}.package_type
      and p.name = ${f}.name and ${and(sql, probeParts)}`;
  // `offset 0` keeps the probe a subplan run per series row as the walk reaches it. Pulled up
  // into a semi-join, the statement cost 1.5 ms more to plan (the join orders of the series,
  // its latest version and the probed versions over every index of packages) than it then
  // took to run: 2.2 ms planned, 1 ms run, against 0.4 and 0.4 ms (a page of 20 at 100 000
  // versions). The few-matches reader joins the probed versions itself (probedVersions).
  const holdsMatch = (f: Frag) => sql`exists (select 1 from ${matchesOf(f)} offset 0)`;
  // Every filter; `name` replaces the search's name filter (the broad readers' tiers). On a
  // series row, `probe: false` leaves the probe out (the caller reads the probed versions).
  const whereWith = (
    name: Frag | null,
    withType: boolean,
    on: Frag = x,
    versions = !folded,
    probe = true,
  ) =>
    and(sql, [
      ...identityFilters(sql, input, scope, withType, on, name),
      ...(versions ? versionParts : packageDates(sql, input, on)),
      ...(!versions && probe && probeParts.length ? [holdsMatch(on)] : []),
    ]);
  const where = (withType: boolean) => whereWith(nameFilter, withType);
  // A series row's own figures, and under a probe how many of its versions match: a subquery
  // per row, which PostgreSQL evaluates after the sort and limit (an expensive output column),
  // so for the page's rows only, in the page's own statement.
  const seriesColumns = sql`f.version_count, f.total_size, f.newest_at,
    f.last_downloaded_at as last_dl, ${
      probeParts.length ? sql`(select count(*) from ${matchesOf(sql`f`)})::int` : sql`null::int`
    } as matching`;
  // The packages view's probed versions (p): identity filters and probeParts, on packages
  // whose own dates pass (a probe of their series row). Null without a probe.
  const probedVersions = (withType: boolean): Frag | null => {
    if (!probeParts.length) return null;
    const dates = packageDates(sql, input, sql`s`);
    return and(sql, [
      ...identityFilters(sql, input, scope, withType, sql`p`, nameFilterOn(sql`p`)),
      ...probeParts,
      ...(dates.length
        ? [
            sql`exists (select 1 from package_series s where s.project_id = p.project_id
              and s.package_type = p.package_type and s.name = p.name and ${and(sql, dates)})`,
          ]
        : []),
    ]);
  };
  // The match score is only needed to sort by relevance. A broad term's names may be more
  // than findNames lists: substring matches score 1 by rule, the rest come from the list.
  const scored = Boolean(term) && field === "relevance";
  const m0 = scored ? sql`with m0 as (${namesCte(sql, broad ? broad.others : names)})` : sql``;
  // Joined only when names are listed with their own scores: an empty m0 joined anyway cost
  // 0.15–0.3 ms of planning on every broad search (a term in most names, no near name).
  const listedScores = (broad ? broad.others : names).length > 0;
  const scoreJoin = scored && listedScores ? sql`left join m0 m on m.name = ${x}.name` : sql``;
  const nameScore = (a: Frag) =>
    broad
      ? broadScore(sql, contains(a, broad.like), listedScores)
      : listedScores
        ? sql`coalesce(m.score, 0)`
        : sql`0`;
  const bonusVersion = search.version ?? term ?? "";
  // A version row equal to the term ranks above the term's other versions. A package is
  // ranked by its name alone: its place does not depend on which versions matched.
  const score = scored
    ? folded
      ? sql`${nameScore(x)}::real`
      : sql`(${nameScore(x)} + case when p.version = ${bonusVersion} then 1 else 0 end)`
    : sql`0::real`;

  // The version term's range, and which walks keep only rows inside it: every walk when the
  // range is a filter of its own, else (a version that is also a name) the segment of rows
  // matched by their version only. Those may be read version by version (catalog-page.ts).
  const range = search.version ? versionRange(search.version) : null;
  const rangeAlone = !search.versionOnly || nameMatch(sql`p`) === null;
  const versionSegments = new WeakSet<Frag>();
  const versionSegment = (segment: Frag) => (versionSegments.add(segment), segment);
  const rangeWalk = (walk: Frag | null) =>
    range !== null && (rangeAlone || (walk !== null && versionSegments.has(walk)));

  // Relevance, best first, in segments: a filter on rows sharing one name score (read by
  // walking newest first; null = every match), or "listed" — the few names with their own
  // scores (≤ the segment before), read whole. Null when listed names are all there is.
  const listed = broad ? broad.others : names;
  const listedIn = (a: Frag) =>
    listed.length ? sql`${nameOf(a)} = any(${sql.array(listed.map((n) => n.name))}::text[])` : null;
  const segments = (a: Frag): Array<Frag | null | "listed"> | null => {
    const withListed = (rest: Array<Frag | null>) =>
      listed.length ? ["listed" as const, ...rest] : rest;
    if (broad) {
      const substring = contains(a, broad.like);
      if (!search.versionOnly) return [substring, ...withListed([])];
      // A version search that is also a broad name: names (1), near names, then versions (0).
      const versionOnly = listed.length
        ? sql`not (${substring}) and not (${listedIn(a)})`
        : sql`not (${substring})`;
      return [substring, ...withListed([versionSegment(versionOnly)])];
    }
    if (search.versionOnly)
      return withListed([
        names.length ? versionSegment(sql`not (${nameIn(sql, nameOf(a), names)})`) : null,
      ]);
    return null;
  };

  return {
    sql,
    input,
    search,
    term,
    field,
    order,
    offset,
    folded,
    x,
    names,
    broad,
    versionParts,
    probeParts,
    seriesDates,
    probedVersions,
    seriesColumns,
    nameFilterOn,
    nameFilter,
    whereWith,
    where,
    scored,
    m0,
    scoreJoin,
    nameScore,
    bonusVersion,
    score,
    listedIn,
    segments,
    range,
    rangeWalk,
    sparseVersions,
  };
}
