import type { AuditEvent } from "@/db/queries/audit";
import { toCsv } from "./csv";

export const AUDIT_CSV_HEADER = [
  "at",
  "actor",
  "action",
  "result",
  "via",
  "project_id",
  "project",
  "package_id",
  "package",
  "version",
  "package_type",
  "file_id",
  "file",
  "bytes",
  "message",
] as const;

export function auditEventsToCsv(events: AuditEvent[]): string {
  return toCsv(
    AUDIT_CSV_HEADER,
    events.map((e) => [
      e.at,
      e.actorUsername,
      e.action,
      e.result,
      e.via,
      e.projectId,
      e.projectPath,
      e.packageId,
      e.packageName,
      e.packageVersion,
      e.packageType,
      e.fileId,
      e.fileName,
      e.bytes,
      e.message,
    ]),
  );
}
