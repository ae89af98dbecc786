import { getSql } from "@/db";
import { toDate, toDateOrNull } from "./catalog-rows";
import type { ScopeRef } from "./retention-policies";

export type CandidateFile = { id: number; fileName: string; size: number; createdAt: Date };

export type CatalogVersion = {
  packageId: number;
  projectId: number;
  /** Every ancestor group of the project, nearest last (the project's own group included). */
  groupPathIds: number[];
  name: string;
  version: string | null;
  packageType: string;
  status: string;
  createdAt: Date;
  lastDownloadedAt: Date | null;
  sizeBytes: number | null;
  /**
   * The mirror's version_rank (1 = lowest of its series, by the ecosystem's own order, computed
   * by the sync with lib/versions); 0 or absent = not ranked yet, and the planner orders itself.
   */
  versionRank?: number;
  /** Mirrored files; only read when the policy keeps duplicate files. */
  files?: CandidateFile[];
};

// The planner's input: every mirrored version inside a scope (types pre-filtered in SQL; the
// planner applies the globs and rules), and the mirrored files when a policy needs them.

type Row = {
  id: string;
  project_id: string;
  group_path_ids: string[];
  name: string;
  version: string | null;
  package_type: string;
  status: string;
  created_at: Date;
  last_downloaded_at: Date | null;
  size_bytes: string | null;
  version_rank: number;
};

export async function listRetentionCandidates(
  scope: ScopeRef,
  packageTypes: readonly string[] = [],
): Promise<CatalogVersion[]> {
  const q = getSql();
  const inScope =
    scope.type === "project"
      ? q`p.project_id = ${scope.id}`
      : q`j.group_path_ids @> array[${scope.id}]::bigint[]`;
  const types = packageTypes.length ? q`and p.package_type = any(${packageTypes})` : q``;
  const rows = await q<Row[]>`
    select p.id, p.project_id, j.group_path_ids, p.name, p.version, p.package_type, p.status,
      p.created_at, p.last_downloaded_at, p.size_bytes, p.version_rank
    from packages p join projects j on j.id = p.project_id
    where ${inScope} ${types}`;
  return rows.map((r) => ({
    packageId: Number(r.id),
    projectId: Number(r.project_id),
    groupPathIds: r.group_path_ids.map(Number),
    name: r.name,
    version: r.version,
    packageType: r.package_type,
    status: r.status,
    createdAt: toDate(r.created_at),
    lastDownloadedAt: toDateOrNull(r.last_downloaded_at),
    sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
    versionRank: r.version_rank,
  }));
}

/** Attaches mirrored files to the given versions (keep_duplicate_files needs them). */
export async function attachRetentionFiles(rows: CatalogVersion[]): Promise<CatalogVersion[]> {
  if (!rows.length) return rows;
  const q = getSql();
  const files = await q<
    { id: string; package_id: string; file_name: string; size: string; created_at: Date }[]
  >`select id, package_id, file_name, size, created_at from package_files
    where package_id = any(${rows.map((r) => r.packageId)})`;
  const byPackage = new Map<number, NonNullable<CatalogVersion["files"]>>();
  for (const f of files) {
    const list = byPackage.get(Number(f.package_id)) ?? [];
    list.push({
      id: Number(f.id),
      fileName: f.file_name,
      size: Number(f.size),
      createdAt: toDate(f.created_at),
    });
    byPackage.set(Number(f.package_id), list);
  }
  return rows.map((r) => ({ ...r, files: byPackage.get(r.packageId) ?? [] }));
}
