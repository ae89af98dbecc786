import { createAuditEvent, createAuditEvents } from "@/db/queries/audit";
import type { DeleteTarget } from "@/db/queries/package-mirror";
import type { CurrentUser } from "@/lib/auth/session";
import { auditResult, type DeleteResult } from "@/lib/packages/results";

export type AuditVia = "ui" | "api" | "bulk" | "cron" | "system";

export type DeleteAttempt = {
  user: CurrentUser;
  action: "package.delete" | "package_file.delete";
  via: AuditVia;
  packageId: number;
  /** Absent when the package was unknown or unreadable: the log must not reveal it either. */
  target?: DeleteTarget;
  file?: { id: number; fileName?: string; size?: number };
  bytes?: number | null;
  result: DeleteResult;
};

/** One audit row per attempt, whatever it came to. */
export async function recordDeleteAttempt(a: DeleteAttempt): Promise<void> {
  const t = a.target;
  await createAuditEvent({
    actorId: a.user.id,
    actorUsername: a.user.username,
    action: a.action,
    result: auditResult(a.result.status),
    via: a.via,
    projectId: t?.projectId ?? null,
    projectPath: t?.projectPath ?? null,
    packageId: a.packageId,
    packageName: t?.name ?? null,
    packageVersion: t?.version ?? null,
    packageType: t?.packageType ?? null,
    fileId: a.file?.id ?? null,
    fileName: a.file?.fileName ?? null,
    bytes: a.bytes ?? null,
    message: a.result.message,
    details: { status: a.result.status, ...(a.result.code ? { code: a.result.code } : {}) },
  });
}

export type RetentionAuditAction = {
  policyId: number;
  author: { id: number; username: string };
  runId: number;
  via: AuditVia;
  outcome: "deleted" | "would_delete" | "kept" | "skipped" | "failed";
  target: {
    packageId: number;
    projectId: number;
    projectPath?: string | null;
    name: string;
    version: string | null;
    packageType: string;
    fileId?: number | null;
    fileName?: string | null;
  };
  bytes: number;
  reason: string;
};

const RETENTION_RESULT = {
  deleted: "success",
  would_delete: "success",
  kept: "success",
  skipped: "refused",
  failed: "failed",
} as const;

/** The actor a retention run acts as, in the audit log: "retention policy N (author)". */
export const retentionActor = (policyId: number, author: string) =>
  `retention policy ${policyId} (${author})`;

/** One audit row per retention action; the author's id so they find it among their own. */
export async function recordRetentionActions(actions: RetentionAuditAction[]): Promise<void> {
  await createAuditEvents(
    actions.map((a) => ({
      actorId: a.author.id,
      actorUsername: retentionActor(a.policyId, a.author.username),
      action: `retention.${a.target.fileId ? "package_file" : "package"}.${a.outcome}`,
      result: RETENTION_RESULT[a.outcome],
      via: a.via,
      projectId: a.target.projectId,
      projectPath: a.target.projectPath ?? null,
      packageId: a.target.packageId,
      packageName: a.target.name,
      packageVersion: a.target.version,
      packageType: a.target.packageType,
      fileId: a.target.fileId ?? null,
      fileName: a.target.fileName ?? null,
      bytes: a.bytes,
      message: a.reason,
      details: { policy_id: a.policyId, run_id: a.runId, outcome: a.outcome },
    })),
  );
}

/** Policy changes and run summaries. */
export async function recordRetentionEvent(e: {
  actor: { id: number | null; username: string };
  action: string;
  result: "success" | "refused" | "failed";
  via: AuditVia;
  message: string;
  projectId?: number | null;
  details?: Record<string, unknown>;
}): Promise<void> {
  await createAuditEvent({
    actorId: e.actor.id,
    actorUsername: e.actor.username,
    action: e.action,
    result: e.result,
    via: e.via,
    projectId: e.projectId ?? null,
    message: e.message,
    details: e.details ?? null,
  });
}
