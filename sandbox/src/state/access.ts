// Visibility and role rules (facts §2.10, the registry guide's tables, DESIGN.md "Permissions").
import type { Store } from "./store";
import type { DeployToken, Group, Membership, Project, User } from "./types";

export const GUEST = 10;
export const REPORTER = 20;
export const DEVELOPER = 30;
export const MAINTAINER = 40;
export const OWNER = 50;

export interface Caller {
  user: User | null;
  kind: "anonymous" | "pat" | "oauth" | "job" | "deploy";
  scopes: string[];
  /** set for job tokens: the project whose job the token belongs to */
  jobProjectId?: number;
  /** set for deploy tokens (package-manager routes only) */
  deployToken?: DeployToken;
}

export const ANONYMOUS: Caller = { user: null, kind: "anonymous", scopes: [] };

/** Highest group membership of the user on the group or an ancestor. */
export function groupMembership(store: Store, userId: number, groupId: number): Membership | null {
  let best: Membership | null = null;
  const ids = new Set(store.ancestors(groupId).map((g) => g.id));
  for (const m of store.memberships) {
    if (m.userId === userId && m.kind === "group" && ids.has(m.sourceId)) {
      if (!best || m.accessLevel > best.accessLevel) best = m;
    }
  }
  return best;
}

export function directMembership(
  store: Store,
  userId: number,
  kind: "group" | "project",
  id: number,
) {
  return (
    store.memberships.find((m) => m.userId === userId && m.kind === kind && m.sourceId === id) ??
    null
  );
}

/** Effective membership on a project: direct or inherited from its groups, highest wins. */
export function projectMembership(
  store: Store,
  userId: number,
  project: Project,
): Membership | null {
  const direct = directMembership(store, userId, "project", project.id);
  const inherited = groupMembership(store, userId, project.groupId);
  if (direct && inherited) return direct.accessLevel >= inherited.accessLevel ? direct : inherited;
  return direct ?? inherited;
}

export function projectLevel(store: Store, caller: Caller, project: Project): number {
  if (caller.kind === "job") return caller.jobProjectId === project.id ? DEVELOPER : 0;
  if (!caller.user) return 0;
  return projectMembership(store, caller.user.id, project)?.accessLevel ?? 0;
}

export function groupLevel(store: Store, caller: Caller, group: Group): number {
  if (!caller.user || caller.kind === "job") return 0;
  return groupMembership(store, caller.user.id, group.id)?.accessLevel ?? 0;
}

const isAdmin = (c: Caller) => c.kind !== "job" && !!c.user?.isAdmin;
const signedInRegular = (c: Caller) => c.kind !== "job" && !!c.user && !c.user.external;

export function canSeeProject(store: Store, caller: Caller, project: Project): boolean {
  if (project.visibility === "public") return true;
  if (isAdmin(caller)) return true;
  if (project.visibility === "internal" && signedInRegular(caller)) return true;
  return projectLevel(store, caller, project) >= GUEST;
}

/**
 * read_package on a project. `projectEndpoint` = the project-level routes, where a registry set
 * to "public" lets anyone pull; group listings apply the plain visibility rules instead.
 */
export function canReadPackages(
  store: Store,
  caller: Caller,
  project: Project,
  projectEndpoint = true,
): boolean {
  if (project.registry === "disabled") return false;
  if (project.registry === "public" && projectEndpoint) return true;
  if (isAdmin(caller)) return true;
  const level = projectLevel(store, caller, project);
  if (project.registry === "private") return level >= REPORTER;
  if (project.visibility === "public") return true;
  if (project.visibility === "internal") return signedInRegular(caller) || level >= REPORTER;
  return level >= REPORTER;
}

/**
 * The projects whose packages GitLab's group package listing shows (Packages::GroupPackagesFinder
 * #group_projects_visible_to_current_user): `Project.public_or_visible_to_user(user, REPORTER)`
 * `.with_feature_available_for_user(:repository, user)`. The package registry's own level is
 * not asked at all — a registry-disabled project's packages are listed, and so are a
 * members-only registry's on an internal project for any signed-in regular user.
 * (GitLab 18's `allow_guest_plus_roles_to_pull_packages` lowers REPORTER to GUEST; not modelled,
 * like Guest pulls on the project endpoint.)
 */
export function inGroupPackageListing(store: Store, caller: Caller, project: Project): boolean {
  return (
    publicOrVisibleForPackages(store, caller, project) &&
    repositoryAvailable(store, caller, project)
  );
}

/** Project.public_or_visible_to_user(user, REPORTER): levels_for_user, or an authorization. */
function publicOrVisibleForPackages(store: Store, caller: Caller, project: Project): boolean {
  if (project.visibility === "public") return true;
  if (isAdmin(caller)) return true;
  if (project.visibility === "internal" && signedInRegular(caller)) return true;
  return projectLevel(store, caller, project) >= REPORTER;
}

/**
 * ProjectFeature.with_feature_available_for_user(:repository, user): admins (can_read_all_resources)
 * → anything not disabled; a signed-in user → enabled, or private with an authorization of at
 * least required_minimum_access_level(:repository) = Guest; anonymous → enabled only.
 */
export function repositoryAvailable(store: Store, caller: Caller, project: Project): boolean {
  const level = project.repository ?? "enabled";
  if (level === "disabled") return false;
  if (level === "enabled") return true;
  return isAdmin(caller) || projectLevel(store, caller, project) >= GUEST;
}

export function canDeletePackages(store: Store, caller: Caller, project: Project): boolean {
  if (project.registry === "disabled") return false;
  return isAdmin(caller) || projectLevel(store, caller, project) >= MAINTAINER;
}

export function canEditProject(store: Store, caller: Caller, project: Project): boolean {
  return isAdmin(caller) || projectLevel(store, caller, project) >= MAINTAINER;
}

/** read_group: public, internal for regular signed-in users, else any membership in the group's tree. */
export function canSeeGroup(store: Store, caller: Caller, group: Group): boolean {
  if (group.visibility === "public") return true;
  if (caller.kind === "job") return false;
  if (isAdmin(caller)) return true;
  if (group.visibility === "internal" && signedInRegular(caller)) return true;
  if (!caller.user) return false;
  if (groupLevel(store, caller, group) > 0) return true;
  // members of a descendant group or project can see the group
  const tree = store.groupTree(group.id);
  const groupIds = new Set(tree.map((g) => g.id));
  const userId = caller.user.id;
  return store.memberships.some(
    (m) =>
      m.userId === userId &&
      ((m.kind === "group" && groupIds.has(m.sourceId)) ||
        (m.kind === "project" && groupIds.has(store.projectsById.get(m.sourceId)?.groupId ?? -1))),
  );
}

export function isAdminCaller(caller: Caller): boolean {
  return isAdmin(caller);
}
