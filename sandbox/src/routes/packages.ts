// Packages API (facts §2): project and group listings, one package with versions, delete.
import { Hono } from "hono";
import { packageEntity, versionEntity } from "../entities/package";
import type { Ctx, SandboxEnv } from "../http/env";
import { fail } from "../http/errors";
import { pageRequest, setPageHeaders } from "../http/pagination";
import { boolParam, enumParam, query } from "../http/params";
import { packageProject, visibleGroup } from "../http/resolve";
import { canDeletePackages, canSeeProject, inGroupPackageListing } from "../state/access";
import { listPackageIds, type PackageFilter } from "../state/package-query";
import { seriesKey } from "../state/store";
import {
  DETAILED,
  DISPLAYABLE,
  PACKAGE_STATUSES,
  PACKAGE_TYPES,
  type PackageRecord,
  type Project,
} from "../state/types";

export const packageRoutes = new Hono<SandboxEnv>();

const ORDER_PROJECT = ["created_at", "name", "version", "type"] as const;
const ORDER_GROUP = [...ORDER_PROJECT, "project_path"] as const;

function filterFrom(c: Ctx, projectIds: Set<number>, group: boolean): PackageFilter {
  return {
    projectIds,
    orderBy: enumParam(c, "order_by", group ? ORDER_GROUP : ORDER_PROJECT, "created_at")!,
    sort: enumParam(c, "sort", ["asc", "desc"] as const, "asc")!,
    packageType: enumParam(c, "package_type", PACKAGE_TYPES),
    packageName: query(c, "package_name"),
    packageVersion: query(c, "package_version"),
    includeVersionless: boolParam(c, "include_versionless"),
    status: enumParam(c, "status", PACKAGE_STATUSES),
  };
}

function cacheKey(c: Ctx, scope: string): string {
  const caller = c.get("caller");
  const params = new URLSearchParams(new URL(c.req.url).search);
  params.delete("page");
  params.delete("per_page");
  params.delete("private_token");
  params.delete("access_token");
  params.sort();
  return `${scope}|${caller.kind}:${caller.user?.id ?? 0}:${caller.jobProjectId ?? 0}|${params}`;
}

function respond(c: Ctx, ids: number[], present: (p: PackageRecord) => unknown) {
  const req = pageRequest(c);
  const store = c.get("rt").store;
  const page = ids
    .slice(req.offset, req.offset + req.perPage)
    .map((id) => present(store.packages.get(id)!));
  setPageHeaders(c, req, ids.length);
  return c.json(page);
}

// GET /projects/:id/packages — packages of one project
packageRoutes.get("/projects/:id/packages", (c) => {
  const project = packageProject(c);
  const rt = c.get("rt");
  const filter = filterFrom(c, new Set([project.id]), false);
  const ids = listPackageIds(rt.store, filter, cacheKey(c, `p${project.id}`));
  const canDelete = canDeletePackages(rt.store, c.get("caller"), project);
  return respond(c, ids, (p) => packageEntity(rt, p, project, { canDelete }));
});

// GET /groups/:id/packages — packages of the group's projects the caller may read
packageRoutes.get("/groups/:id/packages", (c) => {
  const caller = c.get("caller");
  if (caller.kind === "job") fail(401, { message: "401 Unauthorized" });
  const group = visibleGroup(c);
  const rt = c.get("rt");
  const store = rt.store;
  const projects = store
    .projectsInTree(group.id, !boolParam(c, "exclude_subgroups"))
    .filter((p) => inGroupPackageListing(store, caller, p));
  const filter = filterFrom(c, new Set(projects.map((p) => p.id)), true);
  const ids = listPackageIds(store, filter, cacheKey(c, `g${group.id}`));
  const perProject = new Map<
    number,
    { project: Project; canDelete: boolean; path: string | null }
  >();
  const info = (projectId: number) => {
    let i = perProject.get(projectId);
    if (!i) {
      const project = store.projectsById.get(projectId)!;
      const path = canSeeProject(store, caller, project) ? project.pathWithNamespace : null;
      i = { project, canDelete: canDeletePackages(store, caller, project), path };
      perProject.set(projectId, i);
    }
    return i;
  };
  return respond(c, ids, (p) => {
    const i = info(p.projectId);
    return packageEntity(rt, p, i.project, {
      canDelete: i.canDelete,
      groupListing: { projectPath: i.path },
    });
  });
});

/** The package :package_id of the resolved project (404 Not found when absent). */
export function findPackage(c: Ctx, project: Project): PackageRecord {
  const raw = c.req.param("package_id") ?? "";
  const p = /^\d+$/.test(raw) ? c.get("rt").store.packages.get(Number(raw)) : undefined;
  if (!p || p.projectId !== project.id) fail(404, { message: "404 Not found" });
  return p!;
}

// GET /projects/:id/packages/:package_id — one package plus its other versions
packageRoutes.get("/projects/:id/packages/:package_id", (c) => {
  const project = packageProject(c);
  const p = findPackage(c, project);
  if (!DETAILED.has(p.status)) fail(404, { message: "Package not found" });
  const rt = c.get("rt");
  const canDelete = canDeletePackages(rt.store, c.get("caller"), project);
  const versions = (rt.store.bySeries.get(seriesKey(p.projectId, p.type, p.name)) ?? [])
    .map((id) => rt.store.packages.get(id)!)
    .filter((o) => o.id !== p.id && o.version !== null && DETAILED.has(o.status))
    .map((o) => versionEntity(rt, o));
  return c.json({ ...packageEntity(rt, p, project, { canDelete }), versions });
});

// DELETE /projects/:id/packages/:package_id — Maintainer+; marks pending_destruction
packageRoutes.delete("/projects/:id/packages/:package_id", (c) => {
  const project = packageProject(c);
  const rt = c.get("rt");
  if (!canDeletePackages(rt.store, c.get("caller"), project))
    fail(403, { message: "403 Forbidden" });
  const p = findPackage(c, project);
  if (!DISPLAYABLE.has(p.status)) fail(404, { message: "404 Not found" });
  p.status = "pending_destruction";
  rt.store.touched.add(p.id);
  rt.changed();
  return c.body(null, 204);
});
