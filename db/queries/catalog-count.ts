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

/**
 * Packages (one per project, type and name) having at least one version matching
 * `versionWhere` (on packages p): the versions first, capped; when they are few, their
 * distinct series are exact; when many, walk the series (capped) and probe each for a
 * matching version — dense matches end the walk early.
 */
export async function cappedSeriesCounts(
  sql: postgres.Sql,
  versionWhere: Frag,
  seriesWhere: Frag,
  cap = COUNT_CAP,
): Promise<Counts> {
  const versions = await sql<{ package_type: string; project_id: string; name: string }[]>`
    select p.package_type, p.project_id, p.name from packages p where ${versionWhere}
    limit ${cap + 1} offset 0`;
  if (versions.length <= cap) {
    const seen = new Set<string>();
    const facets: Record<string, number> = {};
    for (const v of versions) {
      const key = `${v.project_id}\u0000${v.package_type}\u0000${v.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      facets[v.package_type] = (facets[v.package_type] ?? 0) + 1;
    }
    return { facets, exact: true };
  }
  return cappedCounts(
    sql,
    sql`package_series`,
    sql`f`,
    sql`${seriesWhere} and exists (select 1 from packages p where p.project_id = f.project_id
      and p.package_type = f.package_type and p.name = f.name and ${versionWhere})`,
    cap,
  );
}
