import type postgres from "postgres";
import { getSql } from "@/db";
import {
  groupProjectIds,
  projectSetKey,
  readableProjectSet,
  resolveProjectId,
  type Reader,
} from "./catalog-access";
import { TtlCache } from "./catalog-cache";
import {
  and,
  columns,
  identityFilters,
  nameIn,
  orderBy,
  versionFilters,
  type Frag,
  type SortField,
  type Scope,
} from "./catalog-filters";
import {
  cappedCounts,
  cappedSeriesCounts,
  COUNT_CAP,
  statsCounts,
  type Counts,
} from "./catalog-count";
import {
  broadScore,
  foldedWalkOrder,
  relevanceSeries,
  relevanceVersions,
  walkSeries,
  type FoldedRaw,
  type SeriesKey,
} from "./catalog-page";
import { BROAD_NAMES, findNames, namesCte, splitSearch, type NameSearch } from "./catalog-search";
import {
  toDate,
  toDateOrNull,
  toPackageRow,
  type PackageRow,
  type RawPackage,
} from "./catalog-rows";

// The catalog's read side: the caller's readable project ids (resolved once per request),
// optional name matches, the filters, then the flat version list or one row per package.
// The folded view reads package_series unless a version-level filter (status, dates,
// version) forces folding on the fly. Counts per type are cached briefly per (readable
// project set, filters) — see catalog-cache.ts; the page of rows is always read fresh.

/** The catalog's filters, already validated (lib/validations/catalog.ts is their contract). */
export type CatalogFilter = {
  q?: string;
  type: string[];
  group?: string;
  project?: string;
  status?: string;
  published_from?: string;
  published_to?: string;
  downloaded_before?: string;
  never_downloaded: boolean;
  view: "packages" | "versions";
};

export type ListPackagesInput = Reader &
  CatalogFilter & {
    /** Resolved by the caller (the default sort is a domain rule). */
    sort: { field: SortField; order: "asc" | "desc" };
    page: number;
    perPage: number;
  };

export type FoldedInfo = {
  versionCount: number;
  totalSize: number | null;
  newestAt: Date;
  lastDownloadedAt: Date | null;
};
export type ListedPackage = PackageRow & { folded?: FoldedInfo };

export type PackageList = {
  items: ListedPackage[];
  /** Rows matching; a lower bound when `exact` is false (more than COUNT_CAP match). */
  total: number;
  exact: boolean;
  /** False: the per-type counts are lower bounds. */
  facetsExact: boolean;
  page: number;
  per_page: number;
  facets: Record<string, number>;
};

/** The projects to search: readable ∩ the group's (if any) ∩ the project (if any). */

// Reading a page sorted by, say, size either walks the size index until enough matches turn
// up (≈ rows × (page end) / matches rows visited if matches are spread evenly; every row when
// they sit at the far end: 55–75 ms for a rare status or a small group), or reads every match
// through its filter's index and sorts them (≈ 2 µs a match). With the match count known,
// read filter-first when matches² ≤ 4 × page end × table rows — the walk's even-spread cost
// with a 4× margin for clustering. Table sizes come from pg_class (approximate is enough).
const tableRowsCache = new TtlCache<number>(300_000);
const tableRows = (sql: postgres.Sql, table: "packages" | "package_series") =>
  tableRowsCache.getOrCompute(table, async () => {
    // reltuples stays 0 or -1 until the table's first vacuum/analyze (as right after the first
    // sync); the statistics collector's live-row count is current.
    const [r] = await sql<{ n: number }[]>`
      select greatest(c.reltuples, coalesce(s.n_live_tup, 0), 0)::float8 as n
      from pg_class c left join pg_stat_all_tables s on s.relid = c.oid
      where c.oid = ${table}::regclass`;
    return Number(r?.n ?? 0);
  });
const filterFirst = (matches: number, pageEnd: number, rows: number) =>
  matches * matches <= 4 * pageEnd * rows;

// Name matches depend only on the term and the (global) set of names, never on the caller:
// they only narrow a query that is itself restricted to the caller's readable projects.
const nameCache = new TtlCache<NameSearch>(undefined, { serveStale: true });
// Counts per type, keyed by the caller's exact readable project set and the filters.
const facetCache = new TtlCache<Counts>(undefined, { serveStale: true });

/**
 * Where the read side switches strategy (catalog-count.ts, catalog-search.ts). Only tests pass
 * other values: tiny thresholds make a small fixture take the broad paths, huge ones the
 * exhaustive paths, and both must give the same pages.
 */
export type CatalogTuning = { countCap: number; broadNames: number };
const DEFAULT_TUNING: CatalogTuning = { countCap: COUNT_CAP, broadNames: BROAD_NAMES };

export async function listPackages(
  input: ListPackagesInput,
  tuning: CatalogTuning = DEFAULT_TUNING,
): Promise<PackageList> {
  const sql = getSql();
  const search = splitSearch(input.q);
  const term = search.term;
  const [readable, { names, broad }, groupIds, projectId] = await Promise.all([
    readableProjectSet(sql, input),
    term
      ? nameCache.getOrCompute(`${tuning.broadNames}|${term}`, () =>
          findNames(sql, term, tuning.broadNames),
        )
      : { names: [], broad: null },
    input.group ? groupProjectIds(input.group) : null,
    input.project ? resolveProjectId(input.project) : null,
  ]);
  // Group and project filters narrow the readable set (unknown group/project: nothing).
  let ids = readable.ids;
  if (groupIds) {
    const inGroup = new Set(groupIds);
    ids = ids.filter((id) => inGroup.has(id));
  }
  if (input.project) ids = ids.filter((id) => id === projectId);
  const scope: Scope =
    ids === readable.ids && readable.excluded ? { ids, excluded: readable.excluded } : { ids };
  const { field, order } = input.sort;
  const offset = (input.page - 1) * input.perPage;
  // What the term's names match, on a name column (null: nothing does).
  const nameMatch = (col: Frag) =>
    broad
      ? sql`(${col} ilike ${broad.like} or ${col} = any(${sql.array(broad.others.map((o) => o.name))}::text[]))`
      : names.length
        ? nameIn(sql, col, names)
        : null;
  const versionParts = versionFilters(sql, input, search, nameMatch(sql`p.name`));
  const folded = input.view === "packages";
  const fromSeries = folded && versionParts.length === 0;

  // x carries the package identity: a series row (fast folded path) or a version row (p).
  const x = fromSeries ? sql`f` : sql`p`;
  // A version-only search keeps rows whose version matches even if no name does (in
  // versionParts); otherwise a search keeps only matched names.
  const nameFilterOn = (col: Frag) => (!term || search.versionOnly ? null : nameMatch(col));
  const nameFilter = nameFilterOn(sql`${x}.name`);
  // Every filter; `name` replaces the search's name filter (the broad readers' tiers).
  const whereWith = (name: Frag | null, withType: boolean, on: Frag = x, versions = !fromSeries) =>
    and(sql, [
      ...identityFilters(sql, input, scope, withType, on, name),
      ...(versions ? versionParts : []),
    ]);
  const where = (withType: boolean) => whereWith(nameFilter, withType);
  // The match score is only needed to sort by relevance. A broad term's names may be more
  // than findNames lists: substring matches score 1 by rule, the rest come from the list.
  const scored = Boolean(term) && field === "relevance";
  const m0 = scored ? sql`with m0 as (${namesCte(sql, broad ? broad.others : names)})` : sql``;
  const scoreJoin = scored ? sql`left join m0 m on m.name = ${x}.name` : sql``;
  const nameScore = (col: Frag) =>
    broad ? broadScore(sql, col, broad.like) : sql`coalesce(m.score, 0)`;
  const bonusVersion = search.version ?? term ?? "";
  const score = scored
    ? sql`(${nameScore(sql`${x}.name`)} + case when p.version = ${bonusVersion} then 1 else 0 end)`
    : sql`0::real`;

  // Counts depend on the exact project set searched, never on who asks.
  const facetKey = JSON.stringify([
    tuning.countCap,
    tuning.broadNames,
    ids === readable.ids ? readable.key : projectSetKey(ids),
    fromSeries ? "series" : folded ? "folded" : "versions",
    input.q ?? "",
    input.status,
    input.published_from,
    input.published_to,
    input.downloaded_before,
    input.never_downloaded,
  ]);
  // withType: the total of the selected types, when the all-types counts stopped at the cap.
  const countMatches = (withType: boolean): Promise<Counts> => {
    // Scope (and type) only: exact, from the per-project aggregates.
    if (!term && versionParts.length === 0)
      return statsCounts(sql, scope, fromSeries ? "series" : "versions");
    if (folded && !fromSeries)
      return cappedSeriesCounts(
        sql,
        whereWith(nameFilterOn(sql`p.name`), withType, sql`p`, true),
        whereWith(nameFilterOn(sql`f.name`), withType, sql`f`, false),
        tuning.countCap,
      );
    return cappedCounts(
      sql,
      fromSeries ? sql`package_series` : sql`packages`,
      x,
      where(withType),
      tuning.countCap,
    );
  };

  // `filterFirst`: few rows match (known from the counts), so read them all through the
  // filter's own index and sort them, instead of walking a sort index until a page of matches
  // turns up — which for a rare status or a small group meant scanning nearly every version
  // (55–75 ms). "offset 0" keeps the planner from pushing the order/limit into the subquery.
  const readRows = async (filterFirst: boolean): Promise<Array<RawPackage | FoldedRaw>> => {
    const source = (table: Frag, alias: Frag) =>
      filterFirst
        ? sql`(select * from ${table} ${alias} where ${where(true)} offset 0) ${alias}`
        : sql`${table} ${alias}`;
    const filtered = filterFirst ? sql`true` : where(true);
    if (fromSeries)
      return sql<FoldedRaw[]>`${m0}
        select ${columns(sql)}, f.version_count, f.total_size, f.newest_at, f.last_downloaded_at as last_dl,
          ${score} as score
        from ${source(sql`package_series`, sql`f`)} join packages p on p.id = f.latest_id join projects j on j.id = f.project_id
        ${scoreJoin}
        where ${filtered}
        order by ${orderBy(sql, field, order, true, sql`f.latest_id`)} limit ${input.perPage} offset ${offset}`;
    if (folded) return readFolded(null);
    if (filterFirst && field === "relevance")
      // Pick the page's ids from the few columns the covering version index holds (an
      // index-only scan for version terms), then read just those rows in full.
      return sql<RawPackage[]>`${m0}
        select ${columns(sql)}, k.score from (
          select p.id, p.created_at, ${score} as score
          from (select p.id, p.name, p.version, p.project_id, p.package_type, p.created_at
            from packages p where ${where(true)} offset 0) p
          ${scoreJoin}
          order by ${orderBy(sql, field, order, false)} limit ${input.perPage} offset ${offset}) k
        join packages p on p.id = k.id join projects j on j.id = p.project_id
        order by ${orderBy(sql, field, order, false)}`;
    return sql<RawPackage[]>`${m0}
      select ${columns(sql)}, ${score} as score from ${source(sql`packages`, sql`p`)}
      join projects j on j.id = p.project_id
      ${scoreJoin}
      where ${filtered}
      order by ${orderBy(sql, field, order, false)} limit ${input.perPage} offset ${offset}`;
  };

  // Folding on the fly (a version-level filter applies): the matching versions of `only`
  // packages (from walkSeries), or of every matching package.
  const readFolded = (only: SeriesKey[] | null) => {
    const restrict = only
      ? sql`and (p.project_id, p.package_type, p.name) in (select * from unnest(
          ${sql.array(only.map((s) => s.project_id))}::bigint[], ${sql.array(only.map((s) => s.package_type))}::text[],
          ${sql.array(only.map((s) => s.name))}::text[]))`
      : sql``;
    return sql<FoldedRaw[]>`${m0}${scored ? sql`,` : sql`with`} f as (
        select v.project_id, v.package_type, v.name, count(*)::int as version_count, max(v.version_rank) as top_rank,
          case when bool_and(v.size_bytes is not null) then sum(v.size_bytes) end as total_size,
          max(v.created_at) as newest_at, max(v.last_downloaded_at) as last_downloaded_at, max(v.m_score) as m_score
        from (select p.*, ${scored ? nameScore(sql`p.name`) : sql`0`} as m_score from packages p ${scoreJoin}
          where ${where(true)} ${restrict}) v
        group by 1, 2, 3)
      select ${columns(sql)}, f.version_count, f.total_size, f.newest_at, f.last_downloaded_at as last_dl,
        f.m_score as score
      from f join packages p on p.project_id = f.project_id and p.package_type = f.package_type
        and p.name = f.name and p.version_rank = f.top_rank
      join projects j on j.id = p.project_id
      order by ${orderBy(sql, field, order, true)} limit ${input.perPage} offset ${offset}`;
  };

  // Relevance, best first, in segments: a filter on rows sharing one name score (read by
  // walking newest first; null = every match), or "listed" — the few names with their own
  // scores (≤ the segment before), read whole. Null when listed names are all there is.
  const listed = broad ? broad.others : names;
  const listedIn = (col: Frag) =>
    listed.length ? sql`${col} = any(${sql.array(listed.map((n) => n.name))}::text[])` : null;
  const segments = (col: Frag): Array<Frag | null | "listed"> | null => {
    const withListed = (rest: Array<Frag | null>) =>
      listed.length ? ["listed" as const, ...rest] : rest;
    if (broad) {
      const substring = sql`${col} ilike ${broad.like}`;
      if (!search.versionOnly) return [substring, ...withListed([])];
      // A version search that is also a broad name: names (1), near names, then versions (0).
      const versionOnly = listed.length
        ? sql`not (${col} ilike ${broad.like}) and not (${listedIn(col)})`
        : sql`not (${col} ilike ${broad.like})`;
      return [substring, ...withListed([versionOnly])];
    }
    if (search.versionOnly)
      return withListed([names.length ? sql`not (${nameIn(sql, col, names)})` : null]);
    return null;
  };

  // More than COUNT_CAP matches: read the page by walking an index in the page's order.
  const readBroad = async (): Promise<Array<RawPackage | FoldedRaw>> => {
    const need = offset + input.perPage;
    if (folded && !fromSeries) {
      // A package's place in the order is its first matching version's, walking versions in
      // the same order — within one name score. Segments are walked best first until enough.
      const walk = foldedWalkOrder(sql, field, order);
      const parts = scored ? segments(sql`p.name`) : [nameFilter];
      if (!walk || !parts) return readFolded(null);
      const found: SeriesKey[] = [];
      for (const part of parts) {
        // A walk segment ranks below everything found before it; the listed names are read
        // whatever: a near name can score 1 too ("@platon/x" for "platon-": pg_trgm ignores
        // the hyphen) and so tie with the substring matches before it.
        if (part !== "listed" && found.length >= need) continue;
        if (part === "listed")
          found.push(
            ...(await sql<
              SeriesKey[]
            >`select f.project_id, f.package_type, f.name from package_series f
              where ${whereWith(listedIn(sql`f.name`), true, sql`f`, false)}`),
          );
        else
          found.push(
            ...(await walkSeries(
              sql,
              whereWith(part, true, sql`p`, true),
              walk,
              need - found.length,
            )),
          );
      }
      return found.length ? readFolded(found) : [];
    }
    const parts = scored && order === "desc" ? segments(sql`${x}.name`) : null;
    if (parts) {
      const q = {
        sql,
        where: (extra: Frag | null) => whereWith(extra, true),
        m0,
        score,
        bonusVersion,
        walks: parts.filter((s): s is Frag | null => s !== "listed"),
        listed: parts.includes("listed") ? listedIn(sql`${x}.name`) : null,
        offset,
        perPage: input.perPage,
      };
      return fromSeries ? relevanceSeries(q) : relevanceVersions(q);
    }
    return readRows(false);
  };

  const empty = ids.length === 0 || (term && !search.versionOnly && !broad && !names.length);
  // The counts come first (usually cached): how many rows match decides how to read the page.
  const none: Counts = { facets: {}, exact: true };
  const counts = empty ? none : await facetCache.getOrCompute(facetKey, () => countMatches(false));
  const facets = counts.facets;
  const sumOf = (f: Record<string, number>) =>
    Object.entries(f)
      .filter(([type]) => !input.type.length || (input.type as string[]).includes(type))
      .reduce((s, [, n]) => s + n, 0);
  // Facets past the cap are lower bounds, and the selected types' share of them a poor one:
  // count the selected types on their own (capped too).
  const selected =
    counts.exact || !input.type.length
      ? counts
      : await facetCache.getOrCompute(`${facetKey}|${[...input.type].sort().join(",")}`, () =>
          countMatches(true),
        );
  // Past the cap, the count read is COUNT_CAP + 1: say "at least COUNT_CAP".
  const total = selected.exact ? sumOf(selected.facets) : tuning.countCap;
  const rows = empty
    ? []
    : !selected.exact
      ? await readBroad()
      : folded && !fromSeries
        ? await readFolded(null)
        : await readRows(
            filterFirst(
              total,
              offset + input.perPage,
              await tableRows(sql, fromSeries ? "package_series" : "packages"),
            ),
          );

  const items: ListedPackage[] = rows.map((r) => {
    const row = toPackageRow({
      ...r,
      access_level: readable.levels.get(Number(r.project_id)) ?? null,
    });
    if (!folded) return row;
    const f = r as FoldedRaw;
    return {
      ...row,
      folded: {
        versionCount: f.version_count,
        totalSize: f.total_size === null ? null : Number(f.total_size),
        newestAt: toDate(f.newest_at),
        lastDownloadedAt: toDateOrNull(f.last_dl),
      },
    };
  });
  return {
    items,
    total,
    exact: selected.exact,
    facetsExact: counts.exact,
    page: input.page,
    per_page: input.perPage,
    facets,
  };
}
