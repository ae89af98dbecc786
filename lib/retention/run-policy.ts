import { storedGlobRefusal } from "@/lib/validations/retention";
import {
  suspendPolicy,
  getScopeInfo,
  listProjectPaths,
  type PolicyRow,
} from "@/db/queries/retention-policies";
import {
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
import { isAppError } from "@/lib/errors";
import type { GitlabApi } from "@/lib/gitlab/client";
import type { HeldLock } from "@/lib/jobs/advisory-lock";
import { authorLostRole } from "./authorize";
import { toPolicyDocument } from "./document";
import { enforceFileDelete, enforcePackageDelete, type Outcome } from "./enforce";
import { planFromCatalog } from "./plan";
import type { RunOptions, RunTrigger } from "./run";
import type { PlanFileItem, PlanItem, RetentionPlan } from "./types";

// One policy's part of a retention run (lib/retention/run.ts holds the lock and walks the
// policies): the author's role re-checked, the plan made from the mirror, then either recorded
// as "would delete" (dry run) or enforced within the run's shared deletion budget. Every action
// lands in the run and in the audit log as "retention policy N (author)".

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

export type Budget = { left: number; used: number };

export const LOCK_LOST =
  "the connection holding this run's lock to the database closed, so another run could have " +
  "started. Nothing more was deleted; the next run plans again.";

/** A run ended before its plan was through (the lock was lost): the whole run stops. */
export class RunStopped extends Error {
  constructor(readonly run: RunRow) {
    super(run.message ?? "Run stopped.");
    this.name = "RunStopped";
  }
}

export async function runPolicy(
  policy: PolicyRow,
  opts: RunOptions,
  service: GitlabApi,
  budget: Budget,
  started: (run: RunRow) => void,
  lock: Pick<HeldLock, "assertHeld">,
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
  // Stored before the glob limits with a glob they refuse: not planned (it could take hours).
  const refused = storedGlobRefusal(doc);
  if (refused) return finishRun(run.id, "failed", refused);
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
      // Still the only run: the lock went with its connection if PostgreSQL closed it, and
      // another replica's run may then be deleting the same versions. Stop before the next
      // deletion, say so in the run and the audit log, and end the whole run (RunStopped).
      const held = await lock.assertHeld().then(
        () => true,
        () => false,
      );
      if (!held) {
        const stopped = await finishRun(run.id, "failed", `Stopped: ${LOCK_LOST}`);
        await recordRetentionEvent({
          actor,
          action: "retention.run",
          result: "failed",
          via: ctx.via,
          message: `Run on ${where} stopped after ${stopped.deleted} deleted: ${LOCK_LOST}`,
          details: { policy_id: policy.id, run_id: run.id, bytes_freed: stopped.bytesFreed },
        });
        throw new RunStopped(stopped);
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
