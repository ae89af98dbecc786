import { closeAbandonedRuns, finishRun, type RunRow } from "@/db/queries/retention-runs";
import { listActivePolicies } from "@/db/queries/retention-policies";
import { env } from "@/lib/env";
import { serviceClient } from "@/lib/gitlab/client";
import { LOCKS, withAdvisoryLock } from "@/lib/jobs/advisory-lock";
import { RunStopped, runPolicy, type Budget } from "./run-policy";

// A retention run: one at a time across replicas (advisory lock), each enabled policy planned
// from the catalog mirror, the author's role re-checked through the service token, dry runs
// recording what they would delete, enforcing runs deleting up to the per-run budget (the rest
// waits for the next run, which re-plans from the updated mirror). Every action lands in the
// run and in the audit log as "retention policy N (author)".

export type RunTrigger = "cron" | "schedule" | "manual";

export type RunOptions = {
  trigger: RunTrigger;
  /** Only these policies (run now); default every enabled, unsuspended policy. */
  policyIds?: number[];
  /** Overrides each policy's mode (run now: dry run or enforce). */
  mode?: "dry_run" | "enforce";
  startedBy?: string;
  budget?: number;
  /** Called once the lock is held and the first run row exists. */
  onStarted?: (runIds: number[]) => void;
};

export type RunSummary =
  | { status: "already_running" }
  | {
      status: "completed";
      budget: number;
      deletions_used: number;
      duration_ms: number;
      runs: Array<
        Pick<
          RunRow,
          | "id"
          | "policyId"
          | "mode"
          | "status"
          | "deleted"
          | "wouldDelete"
          | "kept"
          | "skipped"
          | "failed"
          | "remaining"
          | "bytesFreed"
          | "message"
        >
      >;
    };

export async function runRetention(opts: RunOptions): Promise<RunSummary> {
  const t0 = Date.now();
  const result = await withAdvisoryLock(LOCKS.retention, async (lock) => {
    await closeAbandonedRuns(); // we hold the lock: anything still "running" is orphaned
    const policies = await listActivePolicies(opts.policyIds);
    const service = serviceClient();
    const budget: Budget = { left: opts.budget ?? env().retentionBudget, used: 0 };
    const runs: RunRow[] = [];
    const startedIds: number[] = [];
    let announced = false;
    const announce = () => {
      if (!announced) {
        announced = true;
        opts.onStarted?.(startedIds);
      }
    };
    for (const policy of policies) {
      try {
        runs.push(
          await runPolicy(
            policy,
            opts,
            service,
            budget,
            (r) => {
              startedIds.push(r.id);
              announce();
            },
            lock,
          ),
        );
      } catch (e) {
        if (e instanceof RunStopped) {
          // Another replica may be running these policies now: no more of them here.
          console.error(`[retention] run ${e.run.id} stopped: ${e.message}`);
          runs.push(e.run);
          break;
        }
        console.error(`[retention] policy ${policy.id} crashed`, e);
        const last = startedIds.at(-1);
        if (last !== undefined)
          runs.push(await finishRun(last, "failed", "Something went wrong on our side."));
      }
    }
    announce();
    return { runs, budget };
  });
  if (!result.acquired) return { status: "already_running" };
  const { runs, budget } = result.value;
  return {
    status: "completed",
    budget: budget.left + budget.used,
    deletions_used: budget.used,
    duration_ms: Date.now() - t0,
    runs: runs.map((r) => ({
      id: r.id,
      policyId: r.policyId,
      mode: r.mode,
      status: r.status,
      deleted: r.deleted,
      wouldDelete: r.wouldDelete,
      kept: r.kept,
      skipped: r.skipped,
      failed: r.failed,
      remaining: r.remaining,
      bytesFreed: r.bytesFreed,
      message: r.message,
    })),
  };
}
