import { canReadScope, getCachedScopeLevel, type ScopeRef } from "@/db/queries/retention-policies";
import { toReader } from "@/lib/access/reader";
import type { CurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { GitlabApi } from "@/lib/gitlab/client";
import { getLiveProjectLevel } from "@/lib/gitlab/package-delete";
import { getLiveGroupLevel, getLiveIsAdmin } from "@/lib/gitlab/retention";
import { canManageRetention, roleName, whoCan } from "@/lib/permissions";

// Who may read and who may change a policy. Reading follows the scope (the mirror's readable
// set); changing asks GitLab for the live role, as the delete path does, and refuses with 403
// before anything is written.

export const POLICY_NOT_FOUND = "Retention policy not found, or you cannot see its scope.";

export const reader = toReader;

export async function requireScopeRead(user: CurrentUser, scope: ScopeRef): Promise<void> {
  if (!(await canReadScope(reader(user), scope))) throw new AppError("not_found", POLICY_NOT_FOUND);
}

/** The live level on a group or project through the given client (null = not a member). */
export function liveScopeLevel(api: GitlabApi, userId: number, scope: ScopeRef) {
  return scope.type === "group"
    ? getLiveGroupLevel(api, scope.id, userId)
    : getLiveProjectLevel(api, scope.id, userId);
}

/** "Only Owners can manage retention policies." / "Maintainers and Owners can …" */
export const whoCanManage = (scope: ScopeRef) => whoCan("manage_retention", scope.type);

export async function requireManage(
  user: CurrentUser,
  api: GitlabApi,
  scope: ScopeRef,
  where: string,
): Promise<void> {
  if (user.isAdmin) return;
  const level = await liveScopeLevel(api, user.id, scope);
  if (canManageRetention(scope.type, { level })) return;
  const role =
    level === null
      ? "not a member"
      : `${/^[AEIOU]/.test(roleName(level)) ? "an" : "a"} ${roleName(level)}`;
  throw new AppError("forbidden", `You are ${role} of ${where}. ${whoCanManage(scope)}`, {
    level,
  });
}

/** For the UI only (hide or show controls): the cached role. The server re-checks live. */
export async function mayManageCached(user: CurrentUser, scope: ScopeRef): Promise<boolean> {
  if (user.isAdmin) return true;
  return canManageRetention(scope.type, { level: await getCachedScopeLevel(user.id, scope) });
}

/**
 * At run time, through the service token: does the author still hold the role that lets the
 * policy act? Returns the reason to suspend it, or null when it may run.
 */
export async function authorLostRole(
  service: GitlabApi,
  author: { id: number; username: string },
  scope: ScopeRef,
  where: string,
): Promise<string | null> {
  const level = await liveScopeLevel(service, author.id, scope);
  if (canManageRetention(scope.type, { level })) return null;
  if (await getLiveIsAdmin(service, author.id)) return null;
  const now = level === null ? "no longer a member" : `now ${roleName(level)}`;
  return `Suspended: its author ${author.username} is ${now} of ${where}. ${whoCanManage(scope)} Saving it again (by someone who may) re-enables it.`;
}
