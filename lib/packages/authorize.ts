import { getDeleteTarget, type DeleteTarget } from "@/db/queries/package-mirror";
import type { CurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { GitlabApi } from "@/lib/gitlab/client";
import { getLiveProjectLevel } from "@/lib/gitlab/package-delete";
import {
  canOnProject,
  canReadProjectPackages,
  roleName,
  whoCan,
  type PackageAction,
  type ProjectVisibility,
  type RegistryAccessLevel,
} from "@/lib/permissions";

// The first two of the three checks: the mirror says what the package is and whether this user
// may even know it exists; GitLab's live membership says whether they may delete it now.

export const NOT_FOUND_MESSAGE = "Package not found, or you cannot see it.";

/** The package if the user may read it; otherwise the same 404 whether it exists or not. */
export async function loadReadableTarget(
  user: CurrentUser,
  packageId: number,
): Promise<DeleteTarget> {
  const target = await getDeleteTarget({ userId: user.id, packageId });
  const readable =
    target &&
    canReadProjectPackages({
      visibility: target.visibility as ProjectVisibility,
      registryAccessLevel: target.registryAccessLevel as RegistryAccessLevel,
      level: target.cachedLevel,
      isAdmin: user.isAdmin,
      isExternal: user.isExternal,
      signedIn: true,
    });
  if (!target || !readable) throw new AppError("not_found", NOT_FOUND_MESSAGE);
  return target;
}

export type RoleLookup = (projectId: number) => Promise<number | null>;

/**
 * Live effective level per project through the user's own token. A bulk run shares one lookup
 * so thirty versions of one project cost one membership request, not thirty.
 */
export function liveRoleLookup(api: GitlabApi, userId: number): RoleLookup {
  const cache = new Map<number, Promise<number | null>>();
  return (projectId) => {
    let hit = cache.get(projectId);
    if (!hit) {
      hit = getLiveProjectLevel(api, projectId, userId);
      // A failed lookup is not remembered: the next item may try again.
      hit.catch(() => cache.delete(projectId));
      cache.set(projectId, hit);
    }
    return hit;
  };
}

/** Throws 403 (nothing changed) unless the live role allows the action. Returns that level. */
export async function requireLiveRole(
  user: CurrentUser,
  target: DeleteTarget,
  action: PackageAction,
  lookup: RoleLookup,
): Promise<number | null> {
  if (user.isAdmin) return null; // admins pass; GitLab still checks a third time
  const level = await lookup(target.projectId);
  if (!canOnProject(action, { level, isAdmin: false })) {
    const role =
      level === null
        ? "not a member"
        : `${/^[AEIOU]/.test(roleName(level)) ? "an" : "a"} ${roleName(level)}`;
    throw new AppError(
      "forbidden",
      `You are ${role} of ${target.projectPath}. ${whoCan(action, "project")}`,
      { level },
    );
  }
  return level;
}
