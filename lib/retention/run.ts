import {
  suspendPolicy,
  listActivePolicies,
  getScopeInfo,
  listProjectPaths,
  type PolicyRow,
} from "@/db/queries/retention-policies";
import {
  closeAbandonedRuns,
  createRun,
  finishRun,
  recordRunActions,
  updateRun,
  type NewRunAction,
  type RunRow,
} from "@/db/queries/retention-runs";
import {
  recordRetentionActions,
  recordRetentionEvent,
  retentionActor,
  type AuditVia,
} from "@/lib/audit/record";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { serviceClient } from "@/lib/gitlab/client";
import type { GitlabApi } from "@/lib/gitlab/client";
import { LOCKS, withAdvisoryLock } from "@/lib/jobs/advisory-lock";
import { authorLostRole } from "./authorize";
import { toPolicyDocument } from "./document";
import { enforceFileDelete, enforcePackageDelete, type Outcome } from "./enforce";
import { planFromCatalog } from "./plan";
import type { PlanFileItem, PlanItem, RetentionPlan } from "./types";

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

const VIA: Record<RunTrigger, AuditVia> = { cron: "cron", schedule: "system", manual: "ui" };

type Ctx = {
  policy: PolicyRow;
  run: RunRow;
  via: AuditVia;
  paths: Map<number, string>;
};

function actionRow(
  item: PlanItem | PlanFileItem,
  action: NewRunAction["action"],
  reason: string,
): NewRunAction {
  const file = "file_id" in item ? item : null;
  return {
    packageId: item.package_id,
    fileId: file?.file_id ?? null,
    fileName: file?.file_name ?? null,
    projectId: item.project_id,
    packageType: item.package_type,
    name: item.name,
    version: item.version,
    action,
    reason,
    sizeBytes: item.size_bytes,
  };
}

async function record(ctx: Ctx, actions: NewRunAction[], audit = true): Promise<void> {
  await recordRunActions(ctx.run.id, actions);
  if (!audit) return;
  await recordRetentionActions(
    actions.map((a) => ({
      policyId: ctx.policy.id,
      author: { id: ctx.policy.authorId, username: ctx.policy.authorUsername },
      runId: ctx.run.id,
      via: ctx.via,
      outcome: a.action,
      target: {
        packageId: a.packageId,
        projectId: a.projectId,
        projectPath: ctx.paths.get(a.projectId) ?? null,
        name: a.name,
        version: a.version ?? null,
        packageType: a.packageType,
        fileId: a.fileId ?? null,
        fileName: a.fileName ?? null,
      },
      bytes: a.sizeBytes ?? 0,
      reason: a.reason,
    })),
  );
}

type Budget = { left: number; used: number };

async function runPolicy(
  policy: PolicyRow,
  opts: RunOptions,
  service: GitlabApi,
  budget: Budget,
  started: (run: RunRow) => void,
): Promise<RunRow> {
  const doc = toPolicyDocument(policy);
  const mode = opts.mode ?? doc.mode;
  const run = await createRun({
    policyId: policy.id,
    trigger: opts.trigger,
    mode,
    startedBy: opts.startedBy ?? null,
  });
  started(run);
  const scope = await getScopeInfo(doc.scope);
  const where = scope?.path ?? `${doc.scope.type} ${doc.scope.id}`;
  const actor = { id: policy.authorId, username: retentionActor(policy.id, policy.authorUsername) };
  try {
    const lost = await authorLostRole(
      service,
      { id: policy.authorId, username: policy.authorUsername },
      doc.scope,
      where,
    );
    if (lost) {
      await suspendPolicy(policy.id, lost);
      await recordRetentionEvent({
        actor,
        action: "retention.policy.suspend",
        result: "refused",
        via: VIA[opts.trigger],
        message: lost,
        details: { policy_id: policy.id, run_id: run.id },
      });
      return finishRun(run.id, "suspended", lost);
    }
  } catch (e) {
    const msg = `Could not check the author's role in GitLab: ${isAppError(e) ? e.message : "unexpected error"}`;
    return finishRun(run.id, "failed", msg);
  }
  const now = new Date();
  const plan: RetentionPlan = await planFromCatalog(doc, now);
  await updateRun(run.id, {
    planned: plan.delete.length + plan.delete_files.length,
    bytesPlanned: plan.bytes,
  });
  const ids = [
    ...new Set([...plan.delete, ...plan.delete_files, ...plan.keep].map((i) => i.project_id)),
  ];
  const ctx: Ctx = { policy, run, via: VIA[opts.trigger], paths: await listProjectPaths(ids) };
  // Kept versions are recorded in the run (the history lists them); the audit log gets their
  // count in the run summary, not one row each (hourly, per policy, that would drown it).
  await record(
    ctx,
    plan.keep.map((k) => actionRow(k, "kept", k.reason)),
    false,
  );
  let remaining = 0;
  if (mode === "dry_run") {
    await record(
      ctx,
      [...plan.delete, ...plan.delete_files].map((d) => actionRow(d, "would_delete", d.reason)),
    );
  } else {
    const work: Array<() => Promise<[PlanItem | PlanFileItem, Outcome]>> = [
      ...plan.delete.map(
        (d) => async () =>
          [d, await enforcePackageDelete(service, d, doc, now)] as [PlanItem, Outcome],
      ),
      ...plan.delete_files.map(
        (f) => async () => [f, await enforceFileDelete(service, f)] as [PlanFileItem, Outcome],
      ),
    ];
    for (const step of work) {
      if (budget.left <= 0) {
        remaining++;
        continue;
      }
      const [item, outcome] = await step();
      if (outcome.action !== "skipped") {
        budget.left--;
        budget.used++;
      }
      await record(ctx, [actionRow(item, outcome.action, outcome.reason)]);
    }
  }
  await updateRun(run.id, { remaining });
  const done = await finishRun(
    run.id,
    remaining > 0 ? "partial" : "succeeded",
    remaining > 0 ? `Budget reached: ${remaining} left for the next run.` : null,
  );
  const final =
    done.failed > 0 && done.status === "succeeded"
      ? await finishRun(run.id, "partial", `${done.failed} failed; the next run tries them again.`)
      : done;
  await recordRetentionEvent({
    actor,
    action: "retention.run",
    result: final.failed > 0 ? "failed" : "success",
    via: ctx.via,
    message: `${mode === "dry_run" ? "Dry run" : "Run"} on ${where}: ${final.deleted} deleted, ${final.wouldDelete} would delete, ${final.kept} kept, ${final.skipped} skipped, ${final.failed} failed${remaining ? `, ${remaining} left for the next run` : ""}`,
    details: {
      policy_id: policy.id,
      run_id: run.id,
      kept: final.kept,
      bytes_freed: final.bytesFreed,
    },
  });
  return final;
}

export async function runRetention(opts: RunOptions): Promise<RunSummary> {
  const t0 = Date.now();
  const result = await withAdvisoryLock(LOCKS.retention, async () => {
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
          await runPolicy(policy, opts, service, budget, (r) => {
            startedIds.push(r.id);
            announce();
          }),
        );
      } catch (e) {
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
