// `:id` resolution (numeric id or URL-encoded full path) with GitLab's 404/403 split.
import { canReadPackages, canSeeGroup, canSeeProject } from "../state/access";
import type { Group, Project } from "../state/types";
import type { Ctx } from "./env";
import { fail } from "./errors";

export function findProject(c: Ctx, raw: string): Project | undefined {
  const store = c.get("rt").store;
  return /^\d+$/.test(raw)
    ? store.projectsById.get(Number(raw))
    : store.projectsByPath.get(raw.toLowerCase());
}

export function findGroup(c: Ctx, raw: string): Group | undefined {
  const store = c.get("rt").store;
  return /^\d+$/.test(raw)
    ? store.groupsById.get(Number(raw))
    : store.groupsByPath.get(raw.toLowerCase());
}

const projectNotFound = () => fail(404, { message: "404 Project Not Found" });

/** The project named by :id if the caller may see it, else 404 Project Not Found. */
export function visibleProject(c: Ctx, param = "id"): Project {
  const project = findProject(c, c.req.param(param) ?? "");
  if (!project || !canSeeProject(c.get("rt").store, c.get("caller"), project)) projectNotFound();
  return project!;
}

/** The project for package routes: readable packages, else 404 (invisible) or 403 (visible). */
export function packageProject(c: Ctx): Project {
  const store = c.get("rt").store;
  const caller = c.get("caller");
  const project = findProject(c, c.req.param("id") ?? "");
  if (!project) projectNotFound();
  if (
    caller.kind === "job" &&
    caller.jobProjectId !== project!.id &&
    project!.visibility !== "public"
  ) {
    projectNotFound();
  }
  if (canReadPackages(store, caller, project!)) return project!;
  if (!canSeeProject(store, caller, project!)) projectNotFound();
  fail(403, { message: "403 Forbidden" });
}

export function visibleGroup(c: Ctx, param = "id"): Group {
  const group = findGroup(c, c.req.param(param) ?? "");
  if (!group || !canSeeGroup(c.get("rt").store, c.get("caller"), group)) {
    fail(404, { message: "404 Group Not Found" });
  }
  return group!;
}
