import pLimit from "p-limit";
import { getSql } from "@/db";
import { listPackageFiles, type GitlabPackageFile } from "@/lib/gitlab/catalog-source";
import { gitlabStatus } from "@/lib/gitlab/errors";
import { serviceRest, type ServiceRest } from "@/lib/gitlab/service-rest";
import { LOCKS, withAdvisoryLock } from "@/lib/jobs/advisory-lock";
import { refreshSeries } from "./series";

// Files (sizes, checksums) cost one GitLab request per version, so they are fetched for new
// versions during sync and otherwise backfilled in bounded batches. Rows that already have
// files_synced_at are never refetched by sync.

export type FileTarget = { id: number; projectId: number };
export type FilesResult = { fetched: number; failed: number; ms: number; errors: string[] };

export async function storeFiles(packageId: number, files: GitlabPackageFile[]): Promise<void> {
  const sql = getSql();
  const size = files.reduce((s, f) => s + f.size, 0);
  await sql.begin(async (tx) => {
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
  });
}

export async function fetchFiles(
  targets: FileTarget[],
  opts: { concurrency?: number; rest?: ServiceRest } = {},
): Promise<FilesResult> {
  const started = Date.now();
  const rest = opts.rest ?? serviceRest();
  const limit = pLimit(opts.concurrency ?? 4);
  const result: FilesResult = { fetched: 0, failed: 0, ms: 0, errors: [] };
  await Promise.all(
    targets.map((t) =>
      limit(async () => {
        try {
          await storeFiles(t.id, await listPackageFiles(rest, t.projectId, t.id));
          result.fetched++;
        } catch (e) {
          if (gitlabStatus(e) === 404) {
            // Not displayable any more (deleted or processing): stop asking; reconcile removes it.
            await getSql()`update packages set files_synced_at = now() where id = ${t.id}`;
            return;
          }
          result.failed++;
          if (result.errors.length < 20)
            result.errors.push(`files of package ${t.id}: ${(e as Error).message}`);
        }
      }),
    ),
  );
  result.ms = Date.now() - started;
  return result;
}

/** Fetches files for up to `limit` versions that have none yet, newest first. */
export async function backfillFiles(
  opts: { limit?: number; concurrency?: number; rest?: ServiceRest } = {},
): Promise<FilesResult & { skipped?: "already_running" }> {
  const outcome = await withAdvisoryLock(LOCKS.files, async () => {
    const rows = await getSql()<{ id: string; project_id: string }[]>`
      select id, project_id from packages where files_synced_at is null
      order by created_at desc limit ${opts.limit ?? 200}`;
    const result = await fetchFiles(
      rows.map((r) => ({ id: Number(r.id), projectId: Number(r.project_id) })),
      opts,
    );
    if (result.fetched) await refreshSeries();
    return result;
  });
  if (!outcome.acquired)
    return { fetched: 0, failed: 0, ms: 0, errors: [], skipped: "already_running" };
  return outcome.value;
}
