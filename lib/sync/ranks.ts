import { getSql } from "@/db";
import type { SeriesKey } from "@/db/queries/catalog-sync";
import { isPrerelease, sortVersionsDesc } from "@/lib/versions";

// version_rank orders the versions of one series (project, type, name) by the ecosystem's own
// rules, 1 = lowest, so "latest" and "keep the N highest" are plain SQL. New rows arrive with
// rank 0; any series holding a 0 is recomputed — which also finishes a run that was cut off.

type VersionRow = {
  id: number;
  version: string | null;
  createdAt: Date;
  rank: number;
  pre: number;
};

/** Pure: ranks (1 = lowest) and prerelease flags for the versions of one series. */
export function rankSeries(
  type: string,
  rows: VersionRow[],
): Array<{ id: number; rank: number; pre: number }> {
  const desc = sortVersionsDesc(
    type,
    rows,
    (r) => r.version,
    (r) => r.createdAt,
  );
  return desc.map((r, i) => ({
    id: r.id,
    rank: desc.length - i,
    pre: isPrerelease(type, r.version) ? 1 : 0,
  }));
}

const key = (s: SeriesKey) => `${s.projectId}\u0000${s.packageType}\u0000${s.name}`;

export async function recomputeRanks(series: SeriesKey[]): Promise<number> {
  const unique = [...new Map(series.map((s) => [key(s), s])).values()];
  let updated = 0;
  for (let i = 0; i < unique.length; i += 500) updated += await rankChunk(unique.slice(i, i + 500));
  return updated;
}

/** Series with unranked rows (new, renamed, or left by an interrupted run). */
export async function recomputePendingRanks(): Promise<number> {
  const sql = getSql();
  const rows = await sql<{ project_id: string; package_type: string; name: string }[]>`
    select distinct project_id, package_type, name from packages where version_rank = 0`;
  return recomputeRanks(
    rows.map((r) => ({
      projectId: Number(r.project_id),
      packageType: r.package_type,
      name: r.name,
    })),
  );
}

async function rankChunk(series: SeriesKey[]): Promise<number> {
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
  const groups = new Map<string, { type: string; rows: VersionRow[] }>();
  for (const r of rows) {
    const k = key({ projectId: Number(r.project_id), packageType: r.package_type, name: r.name });
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { type: r.package_type, rows: [] }));
    g.rows.push({
      id: Number(r.id),
      version: r.version,
      createdAt: r.created_at,
      rank: r.version_rank,
      pre: r.is_prerelease,
    });
  }
  const before = new Map(rows.map((r) => [Number(r.id), `${r.version_rank}/${r.is_prerelease}`]));
  const changes = [...groups.values()]
    .flatMap((g) => rankSeries(g.type, g.rows))
    .filter((c) => before.get(c.id) !== `${c.rank}/${c.pre}`);
  if (!changes.length) return 0;
  await sql`
    update packages p set version_rank = u.rank, is_prerelease = u.pre
    from unnest(${sql.array(changes.map((c) => c.id))}::bigint[], ${sql.array(changes.map((c) => c.rank))}::int[],
                ${sql.array(changes.map((c) => c.pre))}::int[]) as u(id, rank, pre)
    where p.id = u.id`;
  return changes.length;
}
