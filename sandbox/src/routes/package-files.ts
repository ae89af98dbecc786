// Package files (facts §2.5, §2.8): list and delete.
import { Hono } from "hono";
import { packageFileEntity } from "../entities/package";
import type { SandboxEnv } from "../http/env";
import { fail } from "../http/errors";
import { paginate } from "../http/pagination";
import { enumParam } from "../http/params";
import { packageProject } from "../http/resolve";
import { canDeletePackages } from "../state/access";
import { packageFiles } from "../state/pm-store";
import { DISPLAYABLE } from "../state/types";
import { findPackage } from "./packages";

export const packageFileRoutes = new Hono<SandboxEnv>();

// GET /projects/:id/packages/:package_id/package_files — installable files of a package
packageFileRoutes.get("/projects/:id/packages/:package_id/package_files", (c) => {
  const project = packageProject(c);
  const p = findPackage(c, project);
  if (!DISPLAYABLE.has(p.status)) fail(404, { message: "404 Not found" });
  const orderBy = enumParam(c, "order_by", ["id", "created_at", "file_name"] as const, "id")!;
  const sort = enumParam(c, "sort", ["asc", "desc"] as const, "asc")!;
  const rt = c.get("rt");
  const files = packageFiles(rt.store, p);
  const cmp = {
    id: (a: (typeof files)[0], b: (typeof files)[0]) => a.id - b.id,
    created_at: (a: (typeof files)[0], b: (typeof files)[0]) =>
      a.createdAt - b.createdAt || a.id - b.id,
    file_name: (a: (typeof files)[0], b: (typeof files)[0]) =>
      a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : a.id - b.id,
  }[orderBy];
  files.sort(cmp);
  if (sort === "desc") files.reverse();
  return paginate(c, files, (f) => packageFileEntity(rt, f, p));
});

// DELETE /projects/:id/packages/:package_id/package_files/:file_id — Maintainer+
packageFileRoutes.delete("/projects/:id/packages/:package_id/package_files/:file_id", (c) => {
  const project = packageProject(c);
  const rt = c.get("rt");
  if (!canDeletePackages(rt.store, c.get("caller"), project))
    fail(403, { message: "403 Forbidden" });
  const p = findPackage(c, project);
  if (!DISPLAYABLE.has(p.status)) fail(404, { message: "404 Not found" });
  const fileId = Number(c.req.param("file_id"));
  const file = packageFiles(rt.store, p).find((f) => f.id === fileId);
  if (!file) fail(404, { message: "404 Not found" });
  rt.store.deletedFiles.add(fileId);
  rt.changed();
  return c.body(null, 204);
});
