import { drainFiles } from "./files";
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
  return { running, last, sizes };
}

export async function startSyncInBackground(kind: SyncKind): Promise<{ started: boolean }> {
  const latest = await getLatestSyncRun();
  if (latest?.status === "running") return { started: false };
  void runSync({ kind, trigger: "manual" })
    .then(() => drainFiles({ batch: 500, concurrency: 4 }))
    .catch((e) => console.error("[sync] manual sync crashed", e instanceof Error ? e.message : e));
  return { started: true };
}
