// Who may pull from and push to a registry through the package-manager protocols (GitLab's
// ProjectPolicy read_package / create_package incl. deploy-token and job-token rules).
import {
  canReadPackages,
  canSeeGroup,
  canSeeProject,
  DEVELOPER,
  isAdminCaller,
  projectLevel,
  type Caller,
} from "./access";
import type { Store } from "./store";
import type { DeployToken, Group, Project } from "./types";

export interface PmAccess {
  read: boolean;
  write: boolean;
  /** the caller may know the project exists (403 rather than 404 when refused) */
  visible: boolean;
}

/** A deploy token reaches its own project, or every project under its group. */
export function deployTokenCovers(store: Store, t: DeployToken, project: Project): boolean {
  if (t.ownerKind === "project") return t.ownerId === project.id;
  return store.ancestors(project.groupId).some((g) => g.id === t.ownerId);
}

const has = (t: DeployToken, scope: string) => t.scopes.includes(scope);

export function projectAccess(store: Store, caller: Caller, project: Project): PmAccess {
  const publicPull = canReadPackages(store, caller, project, true);
  if (caller.kind === "deploy") {
    const t = caller.deployToken!;
    const covers = project.registry !== "disabled" && deployTokenCovers(store, t, project);
    const write = covers && has(t, "write_package_registry");
    return {
      read: publicPull || (covers && (write || has(t, "read_package_registry"))),
      write,
      visible: covers || project.visibility === "public",
    };
  }
  const visible = canSeeProject(store, caller, project);
  if (project.registry === "disabled") return { read: false, write: false, visible };
  if (caller.kind === "job") {
    const own = caller.jobProjectId === project.id;
    return { read: own || publicPull, write: own, visible: own || project.visibility === "public" };
  }
  const write =
    !!caller.user && (isAdminCaller(caller) || projectLevel(store, caller, project) >= DEVELOPER);
  return { read: publicPull, write, visible };
}

/** Group-level endpoints: may the caller reach the group at all. */
export function groupVisible(store: Store, caller: Caller, group: Group): boolean {
  if (caller.kind === "deploy") {
    const t = caller.deployToken!;
    return (
      group.visibility === "public" ||
      (t.ownerKind === "group" && store.ancestors(group.id).some((g) => g.id === t.ownerId))
    );
  }
  if (caller.kind === "job") {
    if (group.visibility === "public") return true;
    const own = store.projectsById.get(caller.jobProjectId ?? -1);
    return !!own && store.ancestors(own.groupId).some((g) => g.id === group.id);
  }
  return canSeeGroup(store, caller, group);
}

/**
 * Projects under the group whose packages the group-level endpoints serve to this caller:
 * read_package by membership or visibility — a registry opened to the public does not count
 * at group level.
 */
export function groupReadableProjects(store: Store, caller: Caller, group: Group): Project[] {
  return store.projectsInTree(group.id, true).filter((p) => {
    if (p.registry === "disabled") return false;
    if (caller.kind === "deploy") {
      const t = caller.deployToken!;
      if (deployTokenCovers(store, t, p))
        return has(t, "read_package_registry") || has(t, "write_package_registry");
      return canReadPackages(store, caller, p, false);
    }
    if (caller.kind === "job" && caller.jobProjectId === p.id) return true;
    return canReadPackages(store, caller, p, false);
  });
}
