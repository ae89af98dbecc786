import { getSql } from "@/db";
import { writeCatalog } from "../catalog-changes";
import type { SeriesKey } from "./package-series";

// version_rank (1 = lowest) and is_prerelease per version, computed in lib/sync/ranks by the
// ecosystem's own ordering rules and stored here.

export type RankedVersion = {
  id: number;
  series: SeriesKey;
  version: string | null;
  createdAt: Date;
  rank: number;
  pre: number;
};

/** Series with unranked rows (new, renamed, or left by an interrupted run). */
export async function listPendingRankSeries(): Promise<SeriesKey[]> {
  const rows = await getSql()<{ project_id: string; package_type: string; name: string }[]>`
    select distinct project_id, package_type, name from packages where version_rank = 0`;
  return rows.map((r) => ({
    projectId: Number(r.project_id),
    packageType: r.package_type,
    name: r.name,
  }));
}

/** Every version of the given series, with its current rank. */
export async function listSeriesVersions(series: SeriesKey[]): Promise<RankedVersion[]> {
  const sql = getSql();
  const rows = await sql<
    {
      id: string;
      project_id: string;
      package_type: string;
      name: string;
      version: string | null;
      created_at: Date;
      version_rank: number;
      is_prerelease: number;
    }[]
  >`
    select p.id, p.project_id, p.package_type, p.name, p.version, p.created_at, p.version_rank, p.is_prerelease
    from packages p
    join unnest(${sql.array(series.map((s) => s.projectId))}::bigint[],
                ${sql.array(series.map((s) => s.packageType))}::text[],
                ${sql.array(series.map((s) => s.name))}::text[]) as s(project_id, package_type, name)
      on p.project_id = s.project_id and p.package_type = s.package_type and p.name = s.name`;
  return rows.map((r) => ({
    id: Number(r.id),
    series: { projectId: Number(r.project_id), packageType: r.package_type, name: r.name },
    version: r.version,
    createdAt: r.created_at,
    rank: r.version_rank,
    pre: r.is_prerelease,
  }));
}

export async function updateRanks(
  changes: Array<{ id: number; rank: number; pre: number }>,
): Promise<void> {
  if (!changes.length) return;
  const sql = getSql();
  await writeCatalog(
    () => sql`
    update packages p set version_rank = u.rank, is_prerelease = u.pre
    from unnest(${sql.array(changes.map((c) => c.id))}::bigint[], ${sql.array(changes.map((c) => c.rank))}::int[],
                ${sql.array(changes.map((c) => c.pre))}::int[]) as u(id, rank, pre)
    where p.id = u.id`,
  );
}
