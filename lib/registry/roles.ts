import type { Identity } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { getLiveProjectLevel } from "@/lib/gitlab/package-delete";
import { getLiveGroupLevel } from "@/lib/gitlab/registry-settings";
import {
  canManageRegistry,
  roleName,
  whoCanManage,
  type PermissionScope,
  type RegistrySettingAction,
} from "@/lib/permissions";

// The portal's own check before any settings change goes to GitLab: the live role from GitLab
// (not the cached one), so a demoted maintainer is refused at once. GitLab checks again.

export type Actor = Pick<Identity, "user" | "gitlab">;

export async function liveLevel(actor: Actor, scope: PermissionScope, id: number) {
  if (actor.user.isAdmin) return null;
  return scope === "project"
    ? getLiveProjectLevel(actor.gitlab, id, actor.user.id)
    : getLiveGroupLevel(actor.gitlab, id, actor.user.id);
}

export async function mayManage(
  actor: Actor,
  action: RegistrySettingAction,
  scope: PermissionScope,
  id: number,
): Promise<boolean> {
  const level = await liveLevel(actor, scope, id);
  return canManageRegistry(action, scope, { level, isAdmin: actor.user.isAdmin });
}

export function refusal(
  action: RegistrySettingAction,
  scope: PermissionScope,
  level: number | null,
) {
  const role = level === null ? "not a member" : `a ${roleName(level)}`;
  return new AppError("forbidden", `You are ${role} here. ${whoCanManage(action, scope)}`, {
    level,
  });
}

/** Throws 403 unless the live role allows the action. */
export async function requireManage(
  actor: Actor,
  action: RegistrySettingAction,
  scope: PermissionScope,
  id: number,
): Promise<void> {
  const level = await liveLevel(actor, scope, id);
  if (!canManageRegistry(action, scope, { level, isAdmin: actor.user.isAdmin })) {
    throw refusal(action, scope, level);
  }
}
