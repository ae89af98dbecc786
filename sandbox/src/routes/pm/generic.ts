// Generic packages (facts §8.5; GitLab lib/api/generic_packages.rb):
// PUT|GET /projects/:id/packages/generic/:package_name/:package_version/[path/]:file_name
import { createHash } from "node:crypto";
import { Hono } from "hono";
import type { Ctx, SandboxEnv } from "../../http/env";
import { fail } from "../../http/errors";
import { pmUnauthorized } from "../../http/pm-auth";
import { duplicateAllowed } from "../../state/package-settings";
import {
  addFile,
  createPackage,
  findVersion,
  markDownloaded,
  packageFiles,
} from "../../state/pm-store";
import type { PackageStatus } from "../../state/types";
import { binary, decode, fileBytes, pmProject, publisherOf, restOf } from "./common";

export const genericRoutes = new Hono<SandboxEnv>();

const NAME = /^[A-Za-z0-9._\-+]+$/;
const VERSION = /^(?!.*\.\.)[\w+.-]+$/;
const INSTALLABLE: ReadonlySet<PackageStatus> = new Set(["default", "hidden", "deprecated"]);

interface Target {
  name: string;
  version: string;
  fileName: string;
}

/** Grape validates the path params before the handler runs: 400 {"error":"<param> is invalid"}. */
function target(c: Ctx): Target {
  const parts = restOf(c, "/packages/generic/").split("/").map(decode);
  if (parts.length < 3 || parts.some((p) => p === "")) fail(404, { error: "404 Not Found" });
  const [name, version] = parts;
  const file = parts.at(-1)!;
  const sub = parts.slice(2, -1);
  if (!NAME.test(name)) fail(400, { error: "package_name is invalid" });
  if (!VERSION.test(version)) fail(400, { error: "package_version is invalid" });
  if (!NAME.test(file)) fail(400, { error: "file_name is invalid" });
  if (sub.some((s) => s === "." || s === ".." || !/^[\w.+\-]+$/.test(s)))
    fail(400, { error: "path is invalid" });
  return { name, version, fileName: [...sub, file].join("/") };
}

// PUT /projects/:id/packages/generic/:name/:version/[path/]:file_name — raw body upload
genericRoutes.put("/projects/:id/packages/generic/*", async (c) => {
  if (c.get("caller").kind === "anonymous") pmUnauthorized(); // authenticate_non_get!
  const t = target(c);
  const status = c.req.query("status");
  if (status !== undefined && status !== "default" && status !== "hidden")
    fail(400, { error: "status does not have a valid value" });
  const select = c.req.query("select");
  if (select !== undefined && select !== "package_file")
    fail(400, { error: "select does not have a valid value" });
  const project = pmProject(c, "write");
  const rt = c.get("rt");
  const bytes = Buffer.from(await c.req.arrayBuffer());
  let p = findVersion(rt.store, project.id, "generic", t.name, t.version);
  if (
    p &&
    packageFiles(rt.store, p).some((f) => f.fileName === t.fileName) &&
    !duplicateAllowed(rt.store, project.id, "generic", t.name, t.version)
  ) {
    fail(400, { message: "400 Bad request - Duplicate package is not allowed" });
  }
  if (!p) {
    p = createPackage(rt, project, "generic", t.name, t.version, {
      status: (status as PackageStatus | undefined) ?? "default",
      publisherId: publisherOf(c),
    });
  } else if (status && p.status !== status) {
    p.status = status as PackageStatus;
  }
  const file = addFile(rt, p, t.fileName, bytes);
  if (select === "package_file") {
    const at = new Date(file.createdAt).toISOString();
    return c.json({
      id: file.id,
      package_id: p.id,
      created_at: at,
      updated_at: at,
      size: file.size,
      file_store: 1,
      file_md5: file.md5,
      file_sha1: file.sha1,
      file_name: file.fileName,
      file: { url: `/${file.fileName.split("/").pop()}` },
      file_sha256: file.sha256,
    });
  }
  return c.json({ message: "201 Created" }, 201);
});

// GET /projects/:id/packages/generic/:name/:version/[path/]:file_name — the file's bytes
genericRoutes.get("/projects/:id/packages/generic/*", async (c) => {
  const t = target(c);
  const project = pmProject(c, "read");
  const rt = c.get("rt");
  const p = findVersion(rt.store, project.id, "generic", t.name, t.version);
  if (!p || !INSTALLABLE.has(p.status)) fail(404, { message: "404 Package Not Found" });
  const file = packageFiles(rt.store, p!)
    .filter((f) => f.fileName === t.fileName)
    .at(-1);
  if (!file) fail(404, { message: "404 Package file Not Found" });
  const bytes = await fileBytes(c, p!, file!);
  markDownloaded(rt, p!);
  return binary(c, bytes, "application/octet-stream", {
    "content-disposition": `attachment; filename="${t.fileName.split("/").pop()}"; filename*=UTF-8''${encodeURIComponent(t.fileName.split("/").pop()!)}`,
    "x-checksum-sha256": createHash("sha256").update(bytes).digest("hex"),
  });
});
