import type postgres from "postgres";
import type { ListPackagesInput } from "./catalog";

export type SortField = "relevance" | "name" | "version" | "published" | "downloaded" | "size";
import { likeEscape, type NameMatch, type SearchTerms } from "./catalog-search";

// SQL fragments of the catalog's read side: filters on versions and on package identity,
// the sort, and the row columns. `x`/`p` are the aliases listPackages gives its tables.

/** The projects searched: `ids`, or — for an admin's whole catalog — all but `excluded`. */
export type Scope = { ids: number[]; excluded?: number[] };
export type Frag = postgres.PendingQuery<postgres.Row[]>;

/**
 * `col` is one of the projects searched. The id list goes as its array literal, built once per
 * array (readable sets are cached): postgres.js otherwise serialised a reader's hundreds of
 * ids element by element on every statement, a few percent of the server's CPU per search.
 * Not `::text::bigint[]`: that cast is not folded at planning, so the array would be neither
 * a constant nor hashed (PostgreSQL's time per search tripled).
 */
export function inScope(sql: postgres.Sql, scope: Scope, col: Frag): Frag {
  return scope.excluded
    ? sql`${col} <> all(${idsLiteral(scope.excluded)}::bigint[])`
    : sql`${col} = any(${idsLiteral(scope.ids)}::bigint[])`;
}

/**
 * `x`.project_id as the projects filter sees it. A few projects (a group, a project, a narrow
 * reader) are an access path; most of the catalog is only a filter, and "+ 0" keeps the
 * planner from ANDing in a bitmap of it (or, misjudging a group's size, from fetching every
 * version of each project to sort them).
 */
export const projectColumn = (sql: postgres.Sql, ids: number[], x: Frag) =>
  ids.length > 50 ? sql`(${x}.project_id + 0)` : sql`${x}.project_id`;

const literals = new WeakMap<number[], string>();
function idsLiteral(ids: number[]): string {
  let text = literals.get(ids);
  if (text === undefined) {
    text = `{${ids.join(",")}}`;
    literals.set(ids, text);
  }
  return text;
}

export const and = (sql: postgres.Sql, parts: Frag[]) =>
  parts.reduce((acc, part) => sql`${acc} and ${part}`, sql`true`);

// Synchronous on purpose: a postgres.js fragment is a thenable, so returning one from an
// async function would execute it.
/** Every filter on a version (the versions view): the term's version, status, dates. */
export function versionFilters(
  sql: postgres.Sql,
  input: ListPackagesInput,
  s: SearchTerms,
  /** The term's name matches on p.name (null: no name matches). */
  nameMatch: Frag | null,
): Frag[] {
  return [...probeFilters(sql, input, s, nameMatch), ...versionDates(sql, input)];
}

/**
 * The filters the packages view applies as "holds a matching version": the search's version
 * and the status. (Its dates apply to the package's own figures: packageDates.)
 */
export function probeFilters(
  sql: postgres.Sql,
  input: ListPackagesInput,
  s: SearchTerms,
  nameMatch: Frag | null,
): Frag[] {
  const parts: Frag[] = [];
  if (s.versionOnly)
    // With no name matching the term, the version range alone: an OR with an always-false
    // `name = any('{}')` still made the planner combine two bitmaps and read every match
    // from the heap instead of the covering version index.
    parts.push(
      nameMatch
        ? sql`(${nameMatch} or ${versionPrefix(sql, s.version!)})`
        : versionPrefix(sql, s.version!),
    );
  else if (s.version) parts.push(versionPrefix(sql, s.version));
  if (input.status) parts.push(sql`p.status = ${input.status}`);
  return parts;
}

/** The date filters as instants: published from/to (a bare "to" date includes its day), downloads. */
export function dateBounds(input: ListPackagesInput) {
  // Dates go as ISO strings: drizzle shares this postgres.js client and makes its timestamp
  // serializer pass values through, so a Date object reached the wire and every date filter
  // answered 500.
  const from = input.published_from ? new Date(input.published_from).toISOString() : null;
  let to: string | null = null;
  if (input.published_to) {
    const d = new Date(input.published_to);
    if (/^\d{4}-\d{2}-\d{2}$/.test(input.published_to)) d.setUTCDate(d.getUTCDate() + 1);
    to = d.toISOString();
  }
  const before = input.downloaded_before ? new Date(input.downloaded_before).toISOString() : null;
  return { from, to, before, never: input.never_downloaded };
}

/** Published and downloaded, on `at` (a version's created_at) and `dl` (its last download). */
function dateParts(sql: postgres.Sql, input: ListPackagesInput, at: Frag, dl: Frag): Frag[] {
  const { from, to, before, never } = dateBounds(input);
  const parts: Frag[] = [];
  if (from) parts.push(sql`${at} >= ${from}`);
  if (to) parts.push(sql`${at} < ${to}`);
  if (never && !before) parts.push(sql`${dl} is null`);
  else if (never && before) parts.push(sql`(${dl} is null or ${dl} < ${before})`);
  else if (before) parts.push(sql`${dl} < ${before}`);
  return parts;
}

/** The date filters on a version p. */
export const versionDates = (sql: postgres.Sql, input: ListPackagesInput) =>
  dateParts(sql, input, sql`p.created_at`, sql`p.last_downloaded_at`);

/**
 * The date filters in the packages view, on a package's own figures (package_series f): its
 * newest version's publication and its last download (null: no version ever downloaded). So
 * each row shows what it was kept for, and the view's orders stay the package's own.
 */
export const packageDates = (sql: postgres.Sql, input: ListPackagesInput, f: Frag) =>
  dateParts(sql, input, sql`${f}.newest_at`, sql`${f}.last_downloaded_at`);

/**
 * version starts with `prefix`. An ASCII prefix is spelled as the equivalent byte-wise range
 * (prefix ≤ version < prefix with its last character + 1), which only
 * packages_version_prefix (text_pattern_ops) answers; as `like`, the planner preferred the
 * version trigram index, whose matches need rechecking ("2.1.0": 17 000 rows read to keep
 * 2 200).
 */
export function versionPrefix(sql: postgres.Sql, prefix: string): Frag {
  const range = versionRange(prefix);
  if (!range) return sql`p.version like ${`${likeEscape(prefix)}%`}`;
  return sql`(p.version ~>=~ ${range.lo} and p.version ~<~ ${range.hi})`;
}

/** The byte-wise range of the versions starting with an ASCII `prefix`; null otherwise. */
export function versionRange(prefix: string): VersionRange | null {
  const last = prefix.charCodeAt(prefix.length - 1);
  if (!/^[\x20-\x7e]+$/.test(prefix) || last >= 0x7e) return null;
  return { lo: prefix, hi: prefix.slice(0, -1) + String.fromCharCode(last + 1) };
}

export type VersionRange = { lo: string; hi: string };

// `= any(<constant array>)` is hashed at execution; planning it costs ~3 µs per name (13 ms
// for a broad term with 4 000 names) but a semi-join or array(subquery) measured 2–6× slower.
//
// The index condition is lower(name) (implied by the equality, so it changes no result); the
// equality itself is kept off every index (`|| ''`). pg_trgm's GIN and GiST indexes answer `=`
// too, their estimates tie with the btree's, and the planner took them: a trigram bitmap
// reading 18 000 pages for 79 names (a typo's near names: 95 ms at 1 000 000 versions). On
// lower(name) only the btree indexes apply: 1.4 ms.
export const nameIn = (sql: postgres.Sql, col: Frag, names: NameMatch[]) =>
  sql`(lower(${col}) = any(${sql.array(names.map((n) => n.lower))}::text[])
    and (${col} || '') = any(${sql.array(names.map((n) => n.name))}::text[]))`;

/**
 * Filters on the package identity; `x` is the alias of packages or package_series. The
 * first one is readability: only the caller's readable projects (exact, per request).
 */
export function identityFilters(
  sql: postgres.Sql,
  input: ListPackagesInput,
  scope: Scope,
  withType: boolean,
  x: Frag,
  nameFilter: Frag | null,
): Frag[] {
  const parts: Frag[] = [inScope(sql, scope, projectColumn(sql, scope.ids, x))];
  if (nameFilter) parts.push(nameFilter);
  if (withType && input.type.length) parts.push(sql`${x}.package_type in ${sql(input.type)}`);
  return parts;
}

/**
 * The page order. Folded rows tie-break on their latest version's id: `tie` is f.latest_id
 * when reading package_series (its sort indexes end in it), else p.id (the same value);
 * `rank` is that version's rank (p.version_rank, or the fold's own column).
 */
export function orderBy(
  sql: postgres.Sql,
  field: SortField,
  dir: "asc" | "desc",
  folded: boolean,
  tie: Frag = sql`p.id`,
  rank: Frag = sql`p.version_rank`,
) {
  const d = dir === "asc" ? sql`asc` : sql`desc`;
  const versionTie = sql`p.created_at desc, p.id desc`;
  switch (field) {
    case "relevance":
      return sql`score ${d}, ${folded ? sql`f.newest_at desc, ${tie} desc` : versionTie}`;
    // p.name is f.name in the folded view (p is the series' latest version).
    case "name":
      return folded
        ? sql`lower(f.name) ${d}, f.project_id, f.package_type, ${tie} desc`
        : sql`lower(p.name) ${d}, p.project_id, p.package_type, p.version_rank desc, p.id desc`;
    case "version":
      return folded
        ? sql`lower(f.name), f.project_id, f.package_type, ${rank} ${d}, ${tie} desc`
        : sql`lower(p.name), p.project_id, p.package_type, p.version_rank ${d}, p.id desc`;
    case "published":
      return folded ? sql`f.newest_at ${d}, ${tie} desc` : sql`p.created_at ${d}, p.id desc`;
    case "downloaded":
      return folded
        ? sql`f.last_downloaded_at ${d} nulls last, ${tie} desc`
        : sql`p.last_downloaded_at ${d} nulls last, ${versionTie}`;
    case "size":
      return folded
        ? sql`f.total_size ${d} nulls last, ${tie} desc`
        : sql`p.size_bytes ${d} nulls last, ${versionTie}`;
  }
}

/**
 * The row columns (catalog-rows.ts, PageRaw). The project's path and web URL come from
 * project-refs.ts (toListedRows), the access level from the readable set: a join to projects
 * was 40 % of planning a page (0.6–0.8 of 1.5–1.8 ms), planned on every search.
 */
export const columns = (sql: postgres.Sql) => sql`
  p.id, p.name, p.version, p.package_type, p.status, p.project_id, p.created_at,
  p.last_downloaded_at, p.size_bytes, p.file_count, p.web_path, p.version_rank, p.is_prerelease`;
