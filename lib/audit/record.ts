import { createAuditEvent } from "@/db/queries/audit";
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
