import { getSql } from "@/db";
import { writeCatalog } from "../catalog-changes";

// The files (sizes, checksums) of mirrored versions, fetched from GitLab by lib/sync/files.

export type MirrorFile = {
  id: number;
  file_name: string;
  size: number;
  file_md5?: string | null;
  file_sha1?: string | null;
  file_sha256?: string | null;
  created_at: string;
};

/** Replaces a version's files and its size / file count in one transaction. */
export async function replacePackageFiles(packageId: number, files: MirrorFile[]): Promise<void> {
  const sql = getSql();
  const size = files.reduce((s, f) => s + f.size, 0);
  await writeCatalog(() =>
    sql.begin(async (tx) => {
      await tx`delete from package_files where package_id = ${packageId}`;
      if (files.length)
        await tx`insert into package_files ${tx(
          files.map((f) => ({
            id: f.id,
            package_id: packageId,
            file_name: f.file_name,
            size: f.size,
            file_md5: f.file_md5 ?? null,
            file_sha1: f.file_sha1 ?? null,
            file_sha256: f.file_sha256 ?? null,
            created_at: f.created_at,
          })),
        )} on conflict (id) do nothing`;
      await tx`update packages set size_bytes = ${size}, file_count = ${files.length}, files_synced_at = now()
        where id = ${packageId}`;
    }),
  );
}

/** Stops asking for a version's files (GitLab no longer shows it; reconcile removes it). */
export async function markFilesUnavailable(packageId: number): Promise<void> {
  // Nothing a reader sees changes (size stays unknown), so no cache needs to drop.
  await getSql()`update packages set files_synced_at = now() where id = ${packageId}`;
}

/** Versions whose files were never fetched, newest first. */
export async function listPackagesWithoutFiles(
  limit: number,
): Promise<Array<{ id: number; projectId: number }>> {
  const rows = await getSql()<{ id: string; project_id: string }[]>`
    select id, project_id from packages where files_synced_at is null
    order by created_at desc limit ${limit}`;
  return rows.map((r) => ({ id: Number(r.id), projectId: Number(r.project_id) }));
}
