// Groups (facts §4.5): list, show, projects, subgroups and descendants.
import { minAccessLevel } from "../http/version-params";
import { Hono } from "hono";
import { groupEntity } from "../entities/group";
import { projectSimple } from "../entities/project";
import type { Ctx, SandboxEnv } from "../http/env";
import { paginate } from "../http/pagination";
import { boolParam, enumParam, query } from "../http/params";
import { visibleGroup } from "../http/resolve";
import { canSeeGroup, canSeeProject, groupLevel, isAdminCaller } from "../state/access";
import type { Group } from "../state/types";
import { respondProjects } from "./projects";

export const groupRoutes = new Hono<SandboxEnv>();

function respondGroups(c: Ctx, candidates: Group[], defaultAllAvailable: boolean) {
  const rt = c.get("rt");
  const caller = c.get("caller");
  const allAvailable = boolParam(
    c,
    "all_available",
    defaultAllAvailable || !caller.user || isAdminCaller(caller),
  );
  const minLevel = minAccessLevel(c);
  const owned = boolParam(c, "owned");
  const topLevelOnly = boolParam(c, "top_level_only");
  const search = query(c, "search")?.toLowerCase();
  const visibility = enumParam(c, "visibility", ["private", "internal", "public"] as const);
  const orderBy = enumParam(c, "order_by", ["name", "path", "id", "similarity"] as const, "name")!;
  const sort = enumParam(c, "sort", ["asc", "desc"] as const, "asc")!;
  const level = (g: Group) => groupLevel(rt.store, caller, g);
  const list = candidates.filter(
    (g) =>
      canSeeGroup(rt.store, caller, g) &&
      (allAvailable || minLevel !== undefined || owned || level(g) > 0) &&
      (minLevel === undefined || level(g) >= minLevel) &&
      (!owned || level(g) >= 50) &&
      (!topLevelOnly || g.parentId === null) &&
      (!visibility || g.visibility === visibility) &&
      (!search || g.name.toLowerCase().includes(search) || g.path.toLowerCase().includes(search)),
  );
  const str = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  list.sort((a, b) =>
    orderBy === "id"
      ? a.id - b.id
      : orderBy === "path"
        ? str(a.path, b.path) || a.id - b.id
        : str(a.name.toLowerCase(), b.name.toLowerCase()) || a.id - b.id,
  );
  if (sort === "desc") list.reverse();
  return paginate(c, list, (g) => groupEntity(rt, g));
}

// GET /groups — groups the caller belongs to (or all visible with all_available)
groupRoutes.get("/groups", (c) => respondGroups(c, c.get("rt").store.groups, false));

// GET /groups/:id — one group with its projects
groupRoutes.get("/groups/:id", (c) => {
  const group = visibleGroup(c);
  const rt = c.get("rt");
  const caller = c.get("caller");
  const withProjects = boolParam(c, "with_projects", true);
  const projects = withProjects
    ? (rt.store.projectsByGroup.get(group.id) ?? [])
        .filter((p) => canSeeProject(rt.store, caller, p))
        .map((p) => projectSimple(rt, p))
    : undefined;
  return c.json({
    ...groupEntity(rt, group),
    shared_with_groups: [],
    ...(withProjects ? { projects, shared_projects: [] } : {}),
  });
});

// GET /groups/:id/projects — projects of the group (include_subgroups for the whole tree)
groupRoutes.get("/groups/:id/projects", (c) => {
  const group = visibleGroup(c);
  const projects = c.get("rt").store.projectsInTree(group.id, boolParam(c, "include_subgroups"));
  return respondProjects(c, projects);
});

// GET /groups/:id/subgroups — direct child groups
groupRoutes.get("/groups/:id/subgroups", (c) => {
  const group = visibleGroup(c);
  return respondGroups(c, c.get("rt").store.childGroups.get(group.id) ?? [], true);
});

// GET /groups/:id/descendant_groups — every group below
groupRoutes.get("/groups/:id/descendant_groups", (c) => {
  const group = visibleGroup(c);
  return respondGroups(c, c.get("rt").store.groupTree(group.id).slice(1), true);
});
