import type postgres from "postgres";
import { inScope, type Frag, type Scope } from "./catalog-filters";

// How many rows a catalog query matches, per package type, at a cost that does not grow with
// the answer. Two ways:
//  - no search and no version-level filter: exact, from project_type_stats (kept by triggers
//    on packages, migration 0007) — a few rows per readable project;
//  - otherwise: count at most COUNT_CAP + 1 matches and stop. Up to the cap the counts are
//    exact; past it they are lower bounds ("1 000+"), `exact: false`. Counting every match of
//    a broad term ("p", "lib", "@pl": 100 000 versions) cost 100–250 ms a query; reading the
//    first 1 001 of them costs about as much as reading a narrow term's few.

export const COUNT_CAP = 1000;

export type Counts = {
  /** Matches per package type (lower bounds when not exact). */
  facets: Record<string, number>;
  /** False: more than COUNT_CAP rows match; the figures are lower bounds. */
  exact: boolean;
};

const toFacets = (rows: Array<{ package_type: string; n: number }>) =>
  Object.fromEntries(rows.map((r) => [r.package_type, Number(r.n)]));

/** Exact counts for identity-only filters (the projects searched): versions or series. */
export async function statsCounts(
  sql: postgres.Sql,
  scope: Scope,
  unit: "versions" | "series",
): Promise<Counts> {
  const rows = await sql<{ package_type: string; n: number }[]>`
    select s.package_type, sum(${unit === "series" ? sql`s.series` : sql`s.versions`})::int as n
    from project_type_stats s where ${inScope(sql, scope, sql`s.project_id`)}
    group by 1`;
  return { facets: toFacets(rows), exact: true };
}

/**
 * Counts of `from` rows (aliased as in `where`) matching `where`, reading at most COUNT_CAP + 1
 * of them. "offset 0" keeps the limit on the scan (the planner could otherwise aggregate first).
 */
export async function cappedCounts(
  sql: postgres.Sql,
  from: Frag,
  alias: Frag,
  where: Frag,
  cap = COUNT_CAP,
): Promise<Counts> {
  const rows = await sql<{ package_type: string; n: number }[]>`
    select package_type, count(*)::int as n from (
      select ${alias}.package_type from ${from} ${alias} where ${where} limit ${cap + 1} offset 0) s
    group by 1`;
  const total = rows.reduce((s, r) => s + Number(r.n), 0);
  return { facets: toFacets(rows), exact: total <= cap };
}

/** cappedSeriesCounts reads up to this many times COUNT_CAP + 1 matching versions at first. */
export const SERIES_READ = 2;

/**
 * Packages (one per project, type and name) having at least one version matching
 * `versionWhere` (on packages p). The matching versions are read first, up to SERIES_READ ×
 * (cap + 1) of them, and grouped by package: when they were all read the count is exact; when
 * they already hold more than `cap` packages, those are lower bounds. Only when they hold
 * fewer — many versions of few packages — the series are walked (capped), each probed for a
 * matching version. That walk was the only way past cap + 1 versions: a version term held
 * once by most packages ("2.1.0", "1.0.0") probed series after series until 1 001 matched,
 * 10–28 ms at 100 000 versions and growing with the catalog, on every new term; its versions,
 * in index order, hold about as many packages as rows.
 */
export async function cappedSeriesCounts(
  sql: postgres.Sql,
  versionWhere: Frag,
  seriesWhere: Frag,
  cap = COUNT_CAP,
): Promise<Counts> {
  const read = SERIES_READ * (cap + 1);
  const groups = await sql<{ package_type: string; n: number; versions: number }[]>`
    select package_type, count(*)::int as n, sum(c)::int as versions from (
      select v.package_type, count(*) as c from (
        select p.project_id, p.package_type, p.name from packages p where ${versionWhere}
        limit ${read} offset 0) v
      group by v.project_id, v.package_type, v.name) s
    group by 1`;
  const packages = groups.reduce((s, r) => s + Number(r.n), 0);
  const versions = groups.reduce((s, r) => s + Number(r.versions), 0);
  if (versions < read || packages > cap)
    return { facets: toFacets(groups), exact: versions < read && packages <= cap };
  return cappedCounts(
    sql,
    sql`package_series`,
    sql`f`,
    sql`${seriesWhere} and exists (select 1 from packages p where p.project_id = f.project_id
      and p.package_type = f.package_type and p.name = f.name and ${versionWhere})`,
    cap,
  );
}
