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
  const rt = c.get("rt");
  const caller = c.get("caller");
  const body = await readBody(c);
  // Grape validates the parameters before the endpoint finds the project or checks rights.
  // Before 17.10 the parameter is not declared: Grape drops it like any unknown key, and a body
  // with nothing else fails `at_least_one_of` (lib/api/helpers/projects_helpers.rb).
  const level = rt.features.registryAccessLevelApi ? body.package_registry_access_level : undefined;
  if (level === undefined && body.packages_enabled === undefined)
    fail(400, {
      error:
        "name, path, visibility, packages_enabled, … are missing, at least one parameter must be provided",
    });
  if (level !== undefined && !REGISTRY_LEVELS.includes(level as RegistryLevel))
    fail(400, { error: "package_registry_access_level does not have a valid value" });
  const packagesEnabled = grapeBoolean(body.packages_enabled);
  if (packagesEnabled === "invalid") fail(400, { error: "packages_enabled is invalid" });
  const project = visibleProject(c);
  if (!canEditProject(rt.store, caller, project)) fail(403, { message: "403 Forbidden" });
  if (level !== undefined && level !== project.registry) {
    project.registry = level as RegistryLevel;
  } else if (
    packagesEnabled !== undefined &&
    packagesEnabled !== (project.registry !== "disabled")
  ) {
    // Project#set_package_registry_access_level (before_validation, only when packages_enabled
    // changed and the level itself did not): on → the level the project's visibility gives
    // (public → public, internal → enabled, private → private), off → disabled.
    project.registry = packagesEnabled ? levelForVisibility(project) : "disabled";
  }
  rt.store.registryEdits.set(project.id, project.registry);
  rt.changed();
  return c.json(projectFull(rt, project, caller, true));
});

/** Grape's Boolean coercion (dry-types Params::Bool). */
function grapeBoolean(v: unknown): boolean | undefined | "invalid" {
  if (v === undefined) return undefined;
  if (typeof v === "boolean") return v;
  const s = String(v).toLowerCase();
  if (["1", "on", "t", "true", "y", "yes"].includes(s)) return true;
  if (["0", "off", "f", "false", "n", "no"].includes(s)) return false;
  return "invalid";
}

/** Project#enabled_package_registry_access_level_by_project_visibility */
function levelForVisibility(p: Project): RegistryLevel {
  return p.visibility === "public" ? "public" : p.visibility === "internal" ? "enabled" : "private";
}
