import { getScopeInfo } from "@/db/queries/retention-policies";
import { getRun, listRunActions, listRuns, type RunRow } from "@/db/queries/retention-runs";
import type { Identity } from "@/lib/api/route";
import type { CurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { requireManage } from "./authorize";
import { loadReadablePolicy } from "./policies";
import { runRetention } from "./run";

// Run history for the pages and the API, and "Run now": the same run as the cron route, for
// one policy, started in the background so the page can follow its progress.

export type RunView = {
  id: number;
  policy_id: number;
  trigger: string;
  mode: string;
  status: string;
  started_by: string | null;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  planned: number;
  deleted: number;
  would_delete: number;
  kept: number;
  skipped: number;
  failed: number;
  remaining: number;
  bytes_freed: number;
  bytes_planned: number;
  message: string | null;
};

export function toRunView(r: RunRow): RunView {
  return {
    id: r.id,
    policy_id: r.policyId,
    trigger: r.trigger,
    mode: r.mode,
    status: r.status,
    started_by: r.startedBy,
    started_at: r.startedAt.toISOString(),
    finished_at: r.finishedAt?.toISOString() ?? null,
    duration_ms: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
    planned: r.planned,
    deleted: r.deleted,
    would_delete: r.wouldDelete,
    kept: r.kept,
    skipped: r.skipped,
    failed: r.failed,
    remaining: r.remaining,
    bytes_freed: r.bytesFreed,
    bytes_planned: r.bytesPlanned,
    message: r.message,
  };
}

export async function listPolicyRuns(user: CurrentUser, policyId: number): Promise<RunView[]> {
  await loadReadablePolicy(user, policyId);
  return (await listRuns(policyId)).map(toRunView);
}

export async function getPolicyRun(
  user: CurrentUser,
  policyId: number,
  runId: number,
  q: {
    action?: "deleted" | "would_delete" | "kept" | "skipped" | "failed";
    page: number;
    per_page: number;
  },
) {
  await loadReadablePolicy(user, policyId);
  const run = await getRun(runId);
  if (!run || run.policyId !== policyId) throw new AppError("not_found", "Run not found.");
  const { items, total } = await listRunActions(runId, {
    action: q.action,
    limit: q.per_page,
    offset: (q.page - 1) * q.per_page,
  });
  return {
    run: toRunView(run),
    actions: {
      items: items.map((a) => ({
        package_id: a.packageId,
        file_id: a.fileId,
        file_name: a.fileName,
        project_id: a.projectId,
        package_type: a.packageType,
        name: a.name,
        version: a.version,
        action: a.action,
        reason: a.reason,
        size_bytes: a.sizeBytes,
        at: a.at.toISOString(),
      })),
      total,
      page: q.page,
      per_page: q.per_page,
    },
  };
}

/**
 * Starts a run of one policy and answers as soon as it holds the lock (202 with the run id),
 * or 409 when another run is going. Suspended policies run again only after being re-saved.
 */
export async function startRunNow(
  identity: Pick<Identity, "user" | "gitlab">,
  policyId: number,
  mode: "dry_run" | "enforce",
): Promise<{ run_id: number; status: "started" }> {
  const policy = await loadReadablePolicy(identity.user, policyId);
  const scope = { type: policy.scopeType, id: policy.scopeId };
  const info = await getScopeInfo(scope);
  await requireManage(identity.user, identity.gitlab, scope, info?.path ?? "its scope");
  if (policy.suspendedReason) throw new AppError("conflict", `${policy.suspendedReason}`);
  return new Promise((resolve, reject) => {
    runRetention({
      trigger: "manual",
      policyIds: [policyId],
      mode,
      startedBy: identity.user.username,
      onStarted: (ids) =>
        ids[0] !== undefined
          ? resolve({ run_id: ids[0], status: "started" })
          : reject(new AppError("not_found", "Retention policy not found.")),
    })
      .then((summary) => {
        if (summary.status === "already_running")
          reject(
            new AppError(
              "conflict",
              "A retention run is already running. Try again when it has finished.",
            ),
          );
      })
      .catch((e) => {
        console.error("[retention] run now failed", e);
        reject(e);
      });
  });
}
