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
import { broadNameMatch, findNames, namesCte, splitSearch, type NameMatch } from "./catalog-search";
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
  total: number;
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
const nameCache = new TtlCache<NameMatch[]>(undefined, { serveStale: true });
// Counts per type, keyed by the caller's exact readable project set and the filters.
const facetCache = new TtlCache<Record<string, number>>(undefined, { serveStale: true });

export async function listPackages(input: ListPackagesInput): Promise<PackageList> {
  const sql = getSql();
  const search = splitSearch(input.q);
  const term = search.term;
  const [readable, names, groupIds, projectId] = await Promise.all([
    readableProjectSet(sql, input),
    term ? nameCache.getOrCompute(term, () => findNames(sql, term)) : ([] as NameMatch[]),
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
  const versionParts = versionFilters(sql, input, search, names);
  const folded = input.view === "packages";
  const fromSeries = folded && versionParts.length === 0;

  // x carries the package identity: a series row (fast folded path) or a version row (p).
  const x = fromSeries ? sql`f` : sql`p`;
  // A version-only search keeps rows whose version matches even if no name does (in
  // versionParts); otherwise a search keeps only matched names.
  const broad = term && !search.versionOnly ? broadNameMatch(term, names) : null;
  const nameFilter =
    !term || search.versionOnly
      ? null
      : broad
        ? sql`(${x}.name ilike ${broad.like} or ${x}.name = any(${sql.array(broad.others)}::text[]))`
        : nameIn(sql, sql`${x}.name`, names);
  const where = (withType: boolean) =>
    and(sql, [
      ...identityFilters(sql, input, scope, withType, x, nameFilter),
      ...(fromSeries ? [] : versionParts),
    ]);
  // The match score is only needed to sort by relevance.
  const scored = Boolean(term) && field === "relevance";
  const m0 = scored ? sql`with m0 as (${namesCte(sql, names)})` : sql``;
  const scoreJoin = scored ? sql`left join m0 m on m.name = ${x}.name` : sql``;
  const score = scored
    ? sql`(coalesce(m.score, 0) + case when p.version = ${search.version ?? term!} then 1 else 0 end)`
    : sql`0::real`;

  // Counts depend on the exact project set searched, never on who asks.
  const facetKey = JSON.stringify([
    ids === readable.ids ? readable.key : projectSetKey(ids),
    fromSeries ? "series" : folded ? "folded" : "versions",
    input.q ?? "",
    input.status,
    input.published_from,
    input.published_to,
    input.downloaded_before,
    input.never_downloaded,
  ]);
  const countFacets = async () => {
    const rows =
      folded && !fromSeries
        ? await sql<{ package_type: string; n: number }[]>`
            select package_type, count(*)::int as n from (select distinct p.project_id, p.package_type, p.name
              from packages p where ${where(false)}) s group by package_type`
        : fromSeries
          ? await sql<{ package_type: string; n: number }[]>`
              select f.package_type, count(*)::int as n from package_series f where ${where(false)}
              group by f.package_type`
          : await sql<{ package_type: string; n: number }[]>`
              select p.package_type, count(*)::int as n from packages p where ${where(false)}
              group by p.package_type`;
    return Object.fromEntries(rows.map((r) => [r.package_type, r.n]));
  };

  type FoldedRaw = RawPackage & {
    version_count: number;
    total_size: string | null;
    newest_at: Date | string;
    last_dl: Date | string | null;
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
        order by ${orderBy(sql, field, order, true)} limit ${input.perPage} offset ${offset}`;
    if (folded)
      return sql<FoldedRaw[]>`${m0}${scored ? sql`,` : sql`with`} f as (
          select v.project_id, v.package_type, v.name, count(*)::int as version_count, max(v.version_rank) as top_rank,
            case when bool_and(v.size_bytes is not null) then sum(v.size_bytes) end as total_size,
            max(v.created_at) as newest_at, max(v.last_downloaded_at) as last_downloaded_at, max(v.m_score) as m_score
          from (select p.*, ${scored ? sql`m.score` : sql`0`} as m_score from packages p ${scoreJoin}
            where ${where(true)}) v
          group by 1, 2, 3)
        select ${columns(sql)}, f.version_count, f.total_size, f.newest_at, f.last_downloaded_at as last_dl,
          f.m_score as score
        from f join packages p on p.project_id = f.project_id and p.package_type = f.package_type
          and p.name = f.name and p.version_rank = f.top_rank
        join projects j on j.id = p.project_id
        order by ${orderBy(sql, field, order, true)} limit ${input.perPage} offset ${offset}`;
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

  const empty = ids.length === 0 || (term && !search.versionOnly && !names.length);
  // The counts come first (usually cached): how many rows match decides how to read the page.
  const facets = empty ? {} : await facetCache.getOrCompute(facetKey, countFacets);
  const total = Object.entries(facets)
    .filter(([type]) => !input.type.length || (input.type as string[]).includes(type))
    .reduce((s, [, n]) => s + n, 0);
  // (The on-the-fly folded view aggregates every match anyway: no sort index to walk.)
  const rows = empty
    ? []
    : await readRows(
        (!folded || fromSeries) &&
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
  return { items, total, page: input.page, per_page: input.perPage, facets };
}
