import { drainFiles } from "./files";
import { rateLimitWaitUntil } from "./live";
import { LIMITED_ACCESS_MESSAGE } from "./service-access";
import { sizeProgress } from "@/db/queries/catalog-stats";
import { runSync } from "./sync";
import { getLastFinishedSyncRun, getLatestSyncRun, type SyncKind } from "./sync-progress";

// What the UI shows about sync (last finished run, the running one with progress) and the
// admin "Sync now" action, which runs in the background of this server process.

export type SyncStatusView = {
  running: null | {
    id: number;
    kind: string;
    startedAt: string;
    groupsDone: number;
    groupsTotal: number;
    pages: number;
    packagesSeen: number;
    errors: number;
    /** Set while GitLab's rate limit holds the run's reads: when they resume (ISO). */
    waitingForRateLimitUntil: string | null;
  };
  last: null | {
    id: number;
    kind: string;
    status: string;
    finishedAt: string | null;
    packagesUpserted: number;
    packagesRemoved: number;
    errors: number;
    errorMessages: string[];
  };
  /**
   * The latest run found that the service token does not act as a GitLab admin (Admin Mode
   * without the admin_mode scope, or a non-admin account): the catalog is what it can read.
   */
  serviceAccessWarning: string | null;
  /** File backfill: versions mirrored and how many still have no size. */
  sizes: { versions: number; unknown: number };
};

export async function syncStatus(): Promise<SyncStatusView> {
  const [latest, finished, sizes] = await Promise.all([
    getLatestSyncRun(),
    getLastFinishedSyncRun(),
    sizeProgress(),
  ]);
  const running =
    latest?.status === "running"
      ? {
          id: latest.id,
          kind: latest.kind,
          startedAt: latest.startedAt.toISOString(),
          groupsDone: latest.groupsDone,
          groupsTotal: latest.groupsTotal,
          pages: latest.pages,
          packagesSeen: latest.packagesSeen,
          errors: latest.errors,
          waitingForRateLimitUntil: rateLimitWaitUntil()?.toISOString() ?? null,
        }
      : null;
  const last = finished
    ? {
        id: finished.id,
        kind: finished.kind,
        status: finished.status,
        finishedAt: finished.finishedAt?.toISOString() ?? null,
        packagesUpserted: finished.packagesUpserted,
        packagesRemoved: finished.packagesRemoved,
        errors: finished.errors,
        errorMessages: finished.errorMessages.slice(0, 5),
      }
    : null;
  const newest = running ? latest : finished;
  const serviceAccessWarning = newest?.errorMessages.includes(LIMITED_ACCESS_MESSAGE)
    ? LIMITED_ACCESS_MESSAGE
    : null;
  return { running, last, serviceAccessWarning, sizes };
}

export async function startSyncInBackground(
  kind: SyncKind,
  allowMassRemoval = false,
): Promise<{ started: boolean }> {
  const latest = await getLatestSyncRun();
  if (latest?.status === "running") return { started: false };
  void runSync({ kind, trigger: "manual", allowMassRemoval })
    .then(() => drainFiles({ batch: 500, concurrency: 4 }))
    .catch((e) => console.error("[sync] manual sync crashed", e instanceof Error ? e.message : e));
  return { started: true };
}
