import pLimit from "p-limit";
import {
  listPackagesWithoutFiles,
  markFilesUnavailable,
  replacePackageFiles,
} from "@/db/queries/package-files";
import { refreshAllSeries as refreshSeries } from "@/db/queries/package-series";
import { listPackageFiles } from "@/lib/gitlab/catalog-source";
import { gitlabStatus } from "@/lib/gitlab/errors";
import { serviceRest, type ServiceRest } from "@/lib/gitlab/service-rest";
import { LOCKS, withAdvisoryLock } from "@/lib/jobs/advisory-lock";

// Files (sizes, checksums) cost one GitLab request per version, so they are fetched for new
// versions during sync and otherwise backfilled in bounded batches. Rows that already have
// files_synced_at are never refetched by sync.

export type FileTarget = { id: number; projectId: number };
export type FilesResult = { fetched: number; failed: number; ms: number; errors: string[] };

export async function fetchFiles(
  targets: FileTarget[],
  opts: { concurrency?: number; rest?: ServiceRest; signal?: AbortSignal } = {},
): Promise<FilesResult> {
  const started = Date.now();
  const rest = opts.rest ?? serviceRest();
  const limit = pLimit(opts.concurrency ?? 4);
  const result: FilesResult = { fetched: 0, failed: 0, ms: 0, errors: [] };
  await Promise.all(
    targets.map((t) =>
      limit(async () => {
        // Stopped (the backfill's lock was lost): the versions not yet started are left.
        if (opts.signal?.aborted) return;
        try {
          await replacePackageFiles(t.id, await listPackageFiles(rest, t.projectId, t.id));
          result.fetched++;
        } catch (e) {
          if (gitlabStatus(e) === 404) {
            // Not displayable any more (deleted or processing): stop asking; reconcile removes it.
            await markFilesUnavailable(t.id);
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
  opts: { limit?: number; concurrency?: number; rest?: ServiceRest; lockHeartbeatMs?: number } = {},
): Promise<FilesResult & { skipped?: "already_running" }> {
  const outcome = await withAdvisoryLock(
    LOCKS.files,
    async (lock) => {
      const targets = await listPackagesWithoutFiles(opts.limit ?? 200);
      const result = await fetchFiles(targets, { ...opts, signal: lock.signal });
      // Another replica may be backfilling now: the rest of this batch is left to it, or to
      // the next batch (drainFiles asks for the lock again).
      if (lock.signal.aborted)
        result.errors.push(
          `${(lock.signal.reason as Error).message} Stopped the backfill's batch; the rest is left for the next one.`,
        );
      if (result.fetched) await refreshSeries();
      return result;
    },
    { heartbeatMs: opts.lockHeartbeatMs },
  );
  if (!outcome.acquired)
    return { fetched: 0, failed: 0, ms: 0, errors: [], skipped: "already_running" };
  return outcome.value;
}

/**
 * Keeps backfilling, batch after batch, until every version has its files (or a batch makes no
 * progress: all failed, or another process holds the backfill). Concurrency stays bounded and
 * every request goes through the service client's rate-limit governor, so this honours
 * GitLab's limits however long it runs; the sync status shows the progress (sizeProgress).
 */
export async function drainFiles(
  opts: { batch?: number; concurrency?: number; rest?: ServiceRest } = {},
): Promise<{ fetched: number; failed: number; batches: number; ms: number }> {
  const started = Date.now();
  const total = { fetched: 0, failed: 0, batches: 0, ms: 0 };
  for (;;) {
    const r = await backfillFiles({
      limit: opts.batch ?? 500,
      concurrency: opts.concurrency ?? 4,
      rest: opts.rest,
    });
    total.batches++;
    total.fetched += r.fetched;
    total.failed += r.failed;
    if (r.skipped || r.fetched === 0) break;
  }
  total.ms = Date.now() - started;
  return total;
}
