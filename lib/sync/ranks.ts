import { listPendingRankSeries, listSeriesVersions, updateRanks } from "@/db/queries/package-ranks";
import type { SeriesKey } from "@/db/queries/package-series";
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
  return recomputeRanks(await listPendingRankSeries());
}

async function rankChunk(series: SeriesKey[]): Promise<number> {
  const rows = await listSeriesVersions(series);
  const groups = new Map<string, { type: string; rows: VersionRow[] }>();
  for (const r of rows) {
    const k = key(r.series);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { type: r.series.packageType, rows: [] }));
    g.rows.push(r);
  }
  const before = new Map(rows.map((r) => [r.id, `${r.rank}/${r.pre}`]));
  const changes = [...groups.values()]
    .flatMap((g) => rankSeries(g.type, g.rows))
    .filter((c) => before.get(c.id) !== `${c.rank}/${c.pre}`);
  await updateRanks(changes);
  return changes.length;
}
