import { createAuditEvent } from "@/db/queries/audit";
import type { CurrentUser } from "@/lib/auth/session";
import type { AuditVia } from "./record";

// One audit row per attempt to change a registry setting (access level, deploy tokens, job
// token allowlist, package settings), refusals included. Never put a token value in `details`.

export type SettingAction =
  | "registry.access_level"
  | "deploy_token.create"
  | "deploy_token.revoke"
  | "job_token_allowlist.add"
  | "job_token_allowlist.remove"
  | "package_settings.update";

export type SettingChange = {
  user: CurrentUser;
  action: SettingAction;
  via: AuditVia;
  result: "success" | "refused" | "failed";
  project?: { id: number; path?: string | null };
  group?: { id: number; path?: string | null };
  message: string;
  details?: Record<string, unknown>;
};

export async function recordSettingChange(c: SettingChange): Promise<void> {
  await createAuditEvent({
    actorId: c.user.id,
    actorUsername: c.user.username,
    action: c.action,
    result: c.result,
    via: c.via,
    projectId: c.project?.id ?? null,
    projectPath: c.project?.path ?? null,
    message: c.message,
    details: {
      ...(c.group ? { group_id: c.group.id, group_path: c.group.path ?? null } : {}),
      ...(c.details ?? {}),
    },
  });
}
