import type { CatalogPlan } from "./catalog-plan";
import { columns, orderBy, type Frag } from "./catalog-filters";
import type { FoldedRaw, SeriesKey } from "./catalog-page";

/**
 * The id of a group's latest version, as package_series picks a package's latest (highest
 * rank, then newest, then highest id: package-series.ts). The aggregate's order is the
 * covering index's (packages_fold_cover), which PostgreSQL 16 and later read presorted: the
 * fold is one index-only scan, grouped and ordered as it goes, with no sort. An array max
 * (`max(array[rank, time, id])`), built and compared an array per version, cost a third of
 * the fold (q=lib, published_to, by size, 100 000 versions: 110 → 71 ms).
 */
const latestId = (sql: CatalogPlan["sql"], v: Frag) =>
  sql`(array_agg(${v}.id order by ${v}.version_rank desc, ${v}.created_at desc, ${v}.id desc))[1]`;

// Folding on the fly (a version-level filter applies): the matching versions of `only`
// packages (from walkSeries), or of every matching package. The page is sorted and cut on the
// folded rows alone, and only its rows are joined to their latest version and project: joined
// first, the planner saw one row where there were 10 000 (four join columns) and scanned the
// projects table once per package (0.3 s at 100 000 versions).
export function readFolded(plan: CatalogPlan, only: SeriesKey[] | null) {
  const { sql, input, field, order, offset, where, m0, scored, scoreJoin, nameScore } = plan;
  const split = only === null && defaultOnly(plan);
  const restrict = only
    ? sql`and (p.project_id, p.package_type, p.name) in (select * from unnest(
        ${sql.array(only.map((s) => s.project_id))}::bigint[], ${sql.array(only.map((s) => s.package_type))}::text[],
        ${sql.array(only.map((s) => s.name))}::text[]))`
    : split
      ? sql`and (p.project_id, p.package_type, p.name) in (${otherStatus(sql)})`
      : sql``;
  // top_id: the latest matching version (latestId).
  const page = orderBy(sql, field, order, true, sql`f.top_id`, sql`f.top_rank`);
  const folds = sql`select v.project_id, v.package_type, v.name, count(*)::int as version_count,
        max(v.version_rank) as top_rank, ${latestId(sql, sql`v`)} as top_id,
        case when bool_and(v.size_bytes is not null) then sum(v.size_bytes) end as total_size,
        max(v.created_at) as newest_at, max(v.last_downloaded_at) as last_downloaded_at, max(v.m_score) as score
      from (select p.id, p.project_id, p.package_type, p.name, p.version_rank, p.created_at,
          p.size_bytes, p.last_downloaded_at, ${scored ? nameScore(sql`p`) : sql`0`} as m_score
        from packages p ${scoreJoin}
        where ${where(true)} ${restrict}) v
      group by 1, 2, 3`;
  return sql<FoldedRaw[]>`${m0}${scored ? sql`,` : sql`with`} f as (
      ${split ? sql`(${folds}) union all (${seriesOfDefaultOnly(plan)})` : folds}),
    pg as (select * from f order by ${page} limit ${input.perPage} offset ${offset})
    select ${columns(sql)}, f.version_count, f.total_size, f.newest_at, f.last_downloaded_at as last_dl,
      f.score
    from pg f join packages p on p.id = f.top_id
    order by ${page}`;
}

/**
 * Folding every match (an order no walk follows): the fold above, planned as for a catalog
 * held in memory. The latest-version aggregate wants its rows in packages_fold_cover's order;
 * at PostgreSQL's default random_page_cost (4, a spinning disk's) the planner priced reading
 * that index whole above a sequential scan of the table plus a sort of every match, a sort
 * that went to disk past work_mem (downloaded_before, smallest first, 100 000 versions: 146 ms
 * with a 4.4 MB external merge, 69 ms through the index). SET LOCAL keeps the setting to this
 * one statement's transaction: the other catalog statements were tuned at the default.
 * status=default folds only the few packages holding another status (defaultOnly, below): it
 * is read without the transaction's three round trips.
 */
export function readFoldedAll(plan: CatalogPlan): Promise<FoldedRaw[]> {
  if (defaultOnly(plan)) return readFolded(plan, null);
  return plan.sql.begin(async (tx) => {
    await tx`set local random_page_cost = 1.1`;
    return tx<FoldedRaw[]>`${readFolded(plan, null)}`;
  }) as Promise<FoldedRaw[]>;
}

// status=default is the one version-level filter most packages pass whole: a package whose
// versions are all "default" folds to its own package_series row. So under an order no walk
// follows (oldest first, least recently downloaded, size), only the few packages holding
// another status are folded; the rest are read from package_series through its sort index,
// the first page's worth, and the two are merged. Exact, and it no longer folds every match.
function defaultOnly(plan: CatalogPlan): boolean {
  return (
    plan.input.status === "default" &&
    plan.versionParts.length === 1 &&
    (plan.field === "published" || plan.field === "downloaded" || plan.field === "size")
  );
}

const otherStatus = (sql: CatalogPlan["sql"]) =>
  sql`select u.project_id, u.package_type, u.name from packages u where u.status <> 'default'`;

function seriesOfDefaultOnly(plan: CatalogPlan) {
  const { sql, input, field, order, offset, whereWith, nameFilterOn } = plan;
  return sql`select f.project_id, f.package_type, f.name, f.version_count,
      null::int as top_rank, f.latest_id as top_id, f.total_size, f.newest_at,
      f.last_downloaded_at, 0 as score
    from package_series f
    where ${whereWith(nameFilterOn(sql`f`), true, sql`f`, false)}
      and (f.project_id, f.package_type, f.name) not in (${otherStatus(sql)})
    order by ${orderBy(sql, field, order, true, sql`f.latest_id`)}
    limit ${offset + input.perPage}`;
}
