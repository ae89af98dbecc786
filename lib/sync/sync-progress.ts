import {
  createSyncRun,
  finishSyncRun,
  getLastFinishedSyncRun,
  getLatestSyncRun,
  updateSyncRun,
} from "@/db/queries/sync-runs";
import { RunTracker, type RunErrors } from "@/lib/jobs/run-tracker";

// A sync run's counters, tracked by the jobs' RunTracker in sync_runs.

export type SyncKind = "incremental" | "full";
export type SyncTrigger = "cron" | "schedule" | "manual" | "test";

type SyncCounters = {
  groupsTotal: number;
  groupsDone: number;
  pages: number;
  packagesSeen: number;
  packagesUpserted: number;
  packagesRemoved: number;
  filesFetched: number;
};
export type Counters = SyncCounters & RunErrors;
export type SyncProgress = RunTracker<SyncCounters>;

export async function startSyncProgress(
  kind: SyncKind,
  trigger: SyncTrigger,
): Promise<SyncProgress> {
  const runId = await createSyncRun(kind, trigger);
  return new RunTracker<SyncCounters>(
    runId,
    {
      groupsTotal: 0,
      groupsDone: 0,
      pages: 0,
      packagesSeen: 0,
      packagesUpserted: 0,
      packagesRemoved: 0,
      filesFetched: 0,
    },
    { write: updateSyncRun, finish: finishSyncRun },
  );
}

export { getLastFinishedSyncRun, getLatestSyncRun };
