// Projects (facts §4.2–4.4): list, show, edit package registry access.
import { minAccessLevel } from "../http/version-params";
import { Hono } from "hono";
import { projectFull, projectSimple } from "../entities/project";
import type { Ctx, SandboxEnv } from "../http/env";
import { fail } from "../http/errors";
import { readBody } from "../http/body";
import { paginate } from "../http/pagination";
import { boolParam, enumParam, query } from "../http/params";
import { visibleProject } from "../http/resolve";
import { canEditProject, canSeeProject, projectLevel } from "../state/access";
import type { Project, RegistryLevel } from "../state/types";

export const projectRoutes = new Hono<SandboxEnv>();

const ORDER = [
  "id",
  "name",
  "path",
  "created_at",
  "updated_at",
  "last_activity_at",
  "star_count",
  "similarity",
] as const;
const REGISTRY_LEVELS: RegistryLevel[] = ["disabled", "private", "enabled", "public"];

/** Shared filtering, ordering and pagination of project lists (also used by group projects). */
export function respondProjects(c: Ctx, candidates: Project[]) {
  const rt = c.get("rt");
  const caller = c.get("caller");
  const membership = boolParam(c, "membership");
  const owned = boolParam(c, "owned");
  const minLevel = minAccessLevel(c);
  const visibility = enumParam(c, "visibility", ["private", "internal", "public"] as const);
  const search = query(c, "search")?.toLowerCase();
  const orderBy = enumParam(c, "order_by", ORDER, "created_at")!;
  const sort = enumParam(c, "sort", ["asc", "desc"] as const, "desc")!;
  const simple = boolParam(c, "simple") || !caller.user;
  const level = (p: Project) => projectLevel(rt.store, caller, p);
  const list = candidates.filter(
    (p) =>
      canSeeProject(rt.store, caller, p) &&
      (!membership || level(p) > 0) &&
      (!owned || level(p) >= 50) &&
      (minLevel === undefined || level(p) >= minLevel) &&
      (!visibility || p.visibility === visibility) &&
      (!search ||
        p.name.toLowerCase().includes(search) ||
        p.pathWithNamespace.toLowerCase().includes(search)),
  );
  const str = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const cmp: Record<string, (a: Project, b: Project) => number> = {
    id: (a, b) => a.id - b.id,
    name: (a, b) => str(a.name.toLowerCase(), b.name.toLowerCase()) || a.id - b.id,
    path: (a, b) => str(a.path, b.path) || a.id - b.id,
  };
  list.sort(cmp[orderBy] ?? ((a, b) => a.createdAt - b.createdAt || a.id - b.id));
  if (sort === "desc") list.reverse();
  return paginate(c, list, (p) =>
    simple ? projectSimple(rt, p) : projectFull(rt, p, caller, false),
  );
}

// GET /projects — projects visible to the caller
projectRoutes.get("/projects", (c) => respondProjects(c, c.get("rt").store.projects));

// GET /projects/:id — one project with permissions
projectRoutes.get("/projects/:id", (c) => {
  const project = visibleProject(c);
  const rt = c.get("rt");
  const caller = c.get("caller");
  if (!caller.user) return c.json(projectSimple(rt, project));
  return c.json(projectFull(rt, project, caller, true));
});

// PUT /projects/:id — edit settings (package registry access), Maintainer+
projectRoutes.put("/projects/:id", async (c) => {
  const project = visibleProject(c);
  const rt = c.get("rt");
  const caller = c.get("caller");
  if (!canEditProject(rt.store, caller, project)) fail(403, { message: "403 Forbidden" });
  const body = await readBody(c);
  // Before 17.10 the parameter is not declared: Grape drops it like any unknown key.
  const level = rt.features.registryAccessLevelApi ? body.package_registry_access_level : undefined;
  if (level === undefined && body.packages_enabled === undefined)
    fail(400, { error: "at least one parameter must be provided" });
  if (level !== undefined) {
    if (!REGISTRY_LEVELS.includes(level as RegistryLevel)) {
      fail(400, { error: "package_registry_access_level does not have a valid value" });
    }
    project.registry = level as RegistryLevel;
  } else if (body.packages_enabled !== undefined) {
    const on = body.packages_enabled === true || body.packages_enabled === "true";
    if (!on) project.registry = "disabled";
    else if (project.registry === "disabled") project.registry = "enabled";
  }
  rt.store.registryEdits.set(project.id, project.registry);
  rt.changed();
  return c.json(projectFull(rt, project, caller, true));
});
