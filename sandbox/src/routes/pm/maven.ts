// Maven (facts §8.3; GitLab lib/api/maven_packages.rb, Packages::Maven::FindOrCreatePackageService):
// GET|PUT <prefix>/*path/:file_name with checksum side files; artifact-level
// maven-metadata.xml lives in a versionless package, a snapshot's in its version.
import { createHash } from "node:crypto";
import { Hono } from "hono";
import { artifactMetadata } from "../../fixture/artifacts";
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
  seriesOf,
} from "../../state/pm-store";
import type { PackageRecord, Project } from "../../state/types";
import { binary, decode, fileBytes, pmGroup, pmProject, publisherOf, restOf } from "./common";
import { NPM_INSTALLABLE as INSTALLABLE } from "./npm-metadata";

export const mavenRoutes = new Hono<SandboxEnv>();

const CHECKSUMS = ["md5", "sha1", "sha256", "sha512"] as const;
type Checksum = (typeof CHECKSUMS)[number];
const METADATA = "maven-metadata.xml";

interface Target {
  path: string;
  fileName: string;
  format: Checksum | null;
}

function target(c: Ctx): Target {
  const segs = restOf(c, "/packages/maven/").split("/").map(decode);
  if (segs.length < 2 || segs.some((s) => !s || s === "." || s === ".."))
    fail(404, { error: "404 Not Found" });
  const last = segs.at(-1)!;
  const ext = last.split(".").pop() as Checksum;
  const format = CHECKSUMS.includes(ext) ? ext : null;
  return {
    path: segs.slice(0, -1).join("/"),
    fileName: format ? last.slice(0, -(format.length + 1)) : last,
    format,
  };
}

/** name + version of the package a path names (GitLab's maven metadatum `path`). */
function coordinates(path: string, fileName: string): { name: string; version: string | null } {
  const segs = path.split("/");
  const last = segs.at(-1)!;
  if ((fileName === METADATA && !last.endsWith("-SNAPSHOT")) || segs.length < 2)
    return { name: path, version: null };
  return { name: segs.slice(0, -1).join("/"), version: last };
}

function findByPath(c: Ctx, projects: Project[], path: string): PackageRecord | undefined {
  const store = c.get("rt").store;
  const segs = path.split("/");
  const candidates: PackageRecord[] = [];
  for (const pr of projects) {
    const versionless = seriesOf(store, pr.id, "maven", path).filter((p) => p.version === null);
    const versioned = seriesOf(store, pr.id, "maven", segs.slice(0, -1).join("/")).filter(
      (p) => p.version === segs.at(-1),
    );
    candidates.push(...versionless, ...versioned);
  }
  return candidates
    .filter((p) => INSTALLABLE.has(p.status))
    .sort((a, b) => a.createdAt - b.createdAt)
    .at(-1);
}

async function bytesOf(c: Ctx, p: PackageRecord, fileName: string): Promise<Buffer | null> {
  const file = packageFiles(c.get("rt").store, p)
    .filter((f) => f.fileName === fileName)
    .at(-1);
  if (file && (file.sha256 || p.version !== null)) return fileBytes(c, p, file);
  if (file && fileName === METADATA) {
    // the fixture's artifact-level metadata lists the series as it is now
    const versions = seriesOf(c.get("rt").store, p.projectId, "maven", p.name)
      .filter((v) => v.version !== null && INSTALLABLE.has(v.status))
      .map((v) => v.version!);
    return Buffer.from(artifactMetadata(p.name, versions, p.createdAt));
  }
  return null;
}

async function read(c: Ctx) {
  const t = target(c);
  const group = new URL(c.req.url).pathname.startsWith("/api/v4/groups/");
  const projects = group ? pmGroup(c).projects : [pmProject(c, "read")];
  const p = findByPath(c, projects, t.path);
  if (!p) fail(404, { message: "404 Package Not Found" });
  const bytes = await bytesOf(c, p!, t.fileName);
  if (!bytes) fail(404, { message: "404 Package file Not Found" });
  if (t.format) {
    const digest = createHash(t.format).update(bytes!).digest("hex");
    return c.body(digest, 200, { "content-type": "text/plain" });
  }
  if (t.fileName.endsWith(".jar")) markDownloaded(c.get("rt"), p!);
  const type = /\.(xml|pom)$/.test(t.fileName) ? "application/xml" : "application/octet-stream";
  return binary(c, bytes!, type);
}

// GET /projects/:id/packages/maven/*path/:file_name, GET /groups/:id/-/packages/maven/*path/:file_name
mavenRoutes.get("/projects/:id/packages/maven/*", read);
mavenRoutes.get("/groups/:id/-/packages/maven/*", read);

// PUT /projects/:id/packages/maven/*path/:file_name — raw body (mvn deploy)
mavenRoutes.put("/projects/:id/packages/maven/*", async (c) => {
  if (c.get("caller").kind === "anonymous") pmUnauthorized();
  const t = target(c);
  const project = pmProject(c, "write");
  const rt = c.get("rt");
  const bytes = Buffer.from(await c.req.arrayBuffer());
  const { name, version } = coordinates(t.path, t.fileName);
  let p = findVersion(rt.store, project.id, "maven", name, version);
  if (t.format) {
    // Maven uploads checksums after each file: GitLab verifies sha1, ignores the others
    if (t.format !== "sha1") return c.body(null, 200);
    const file =
      p &&
      packageFiles(rt.store, p)
        .filter((f) => f.fileName === t.fileName)
        .at(-1);
    if (!p || !file) fail(404, { message: "404 Package file Not Found" });
    const stored = await bytesOf(c, p!, t.fileName);
    const expected = createHash("sha1").update(stored!).digest("hex");
    if (bytes.toString("utf8").trim().split(/\s+/)[0] !== expected)
      fail(409, { message: "409 Conflict" });
    return c.body(null, 204);
  }
  // target_package_is_duplicate?: the same file name in the same version (metadata-only
  // versionless packages always take new uploads)
  if (
    p &&
    version !== null &&
    packageFiles(rt.store, p).some((f) => f.fileName === t.fileName) &&
    !duplicateAllowed(rt.store, project.id, "maven", name, version)
  ) {
    fail(400, { message: "400 Bad request - Duplicate package is not allowed" });
  }
  p ??= createPackage(rt, project, "maven", name, version, { publisherId: publisherOf(c) });
  const file = addFile(rt, p, t.fileName, bytes);
  return c.json({
    id: file.id,
    package_id: p.id,
    file_name: file.fileName,
    size: file.size,
    file_md5: file.md5,
    file_sha1: file.sha1,
    file_sha256: file.sha256,
  });
});
