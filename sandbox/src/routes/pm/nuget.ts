// NuGet v3 (facts §8.4; GitLab lib/api/nuget_project_packages.rb, nuget_group_packages.rb,
// Packages::Nuget::CreateOrUpdatePackageService): anonymous service index, push of a .nupkg
// (id/version read from its .nuspec), flat-container download, registration metadata, search.
import { Hono } from "hono";
import JSZip from "jszip";
import type { Ctx, SandboxEnv } from "../../http/env";
import { fail } from "../../http/errors";
import { findProject } from "../../http/resolve";
import { canDeletePackages } from "../../state/access";
import { duplicateAllowed } from "../../state/package-settings";
import {
  addFile,
  createPackage,
  findSeriesBy,
  markDownloaded,
  packageFiles,
} from "../../state/pm-store";
import type { PackageRecord, Project } from "../../state/types";
import { binary, decode, fileBytes, pmGroup, pmProject, publisherOf, restOf } from "./common";
import { NPM_INSTALLABLE as INSTALLABLE } from "./npm-metadata";

export const nugetRoutes = new Hono<SandboxEnv>();

const isGroup = (c: Ctx) => new URL(c.req.url).pathname.startsWith("/api/v4/groups/");

function prefixOf(c: Ctx): string {
  const id = encodeURIComponent(c.req.param("id") ?? "");
  const base = `${c.get("rt").publicUrl}/api/v4`;
  return isGroup(c)
    ? `${base}/groups/${id}/-/packages/nuget`
    : `${base}/projects/${id}/packages/nuget`;
}

/** nuget_project_packages.rb: `requires :id, regexp: POSITIVE_INTEGER_REGEX`. */
function checkId(c: Ctx) {
  if (!isGroup(c) && !/^[1-9]\d*$/.test(c.req.param("id") ?? ""))
    fail(400, { error: "id is invalid" });
}

function serviceIndex(c: Ctx) {
  const prefix = prefixOf(c);
  const r = (id: string, type: string, comment: string) => ({ "@id": id, "@type": type, comment });
  const search = "Filter and search for packages by keyword.";
  const meta = "Get package metadata.";
  const resources = [
    r(`${prefix}/query`, "SearchQueryService", search),
    r(`${prefix}/query`, "SearchQueryService/3.0.0-beta", search),
    r(`${prefix}/query`, "SearchQueryService/3.0.0-rc", search),
    r(`${prefix}/metadata`, "RegistrationsBaseUrl", meta),
    r(`${prefix}/metadata`, "RegistrationsBaseUrl/3.0.0-beta", meta),
    r(`${prefix}/metadata`, "RegistrationsBaseUrl/3.0.0-rc", meta),
    r(`${prefix}/download`, "PackageBaseAddress/3.0.0", "Get package content (.nupkg)."),
  ];
  if (!isGroup(c)) {
    resources.push(
      r(prefix, "PackagePublish/2.0.0", "Push and delete (or unlist) packages."),
      r(`${prefix}/symbolpackage`, "SymbolPackagePublish/4.9.0", "Push symbol packages."),
    );
  }
  return { version: "3.0.0", resources };
}

function scopeProjects(c: Ctx): Project[] {
  return isGroup(c) ? pmGroup(c).projects : [pmProject(c, "read")];
}

function versionsOf(c: Ctx, projects: Project[], name: string): PackageRecord[] {
  const lower = name.toLowerCase();
  return findSeriesBy(
    c.get("rt").store,
    projects.map((p) => p.id),
    "nuget",
    (n) => n.toLowerCase() === lower,
  )
    .filter((p) => p.version !== null && INSTALLABLE.has(p.status))
    .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
}

function catalogEntry(c: Ctx, prefix: string, p: PackageRecord) {
  const lower = p.name.toLowerCase();
  const v = p.version!.toLowerCase();
  const meta = c.get("rt").store.pmMeta.get(p.id) ?? {};
  return {
    "@id": `${prefix}/metadata/${lower}/${v}.json`,
    packageContent: `${prefix}/download/${lower}/${v}/${lower}.${v}.nupkg`,
    catalogEntry: {
      "@id": `${prefix}/metadata/${lower}/${v}.json`,
      id: p.name,
      version: p.version,
      authors: (meta.authors as string) ?? "Platon",
      description: (meta.description as string) ?? p.name,
      summary: "",
      tags: "",
      dependencyGroups: [],
      packageContent: `${prefix}/download/${lower}/${v}/${lower}.${v}.nupkg`,
      published: new Date(p.createdAt).toISOString(),
    },
  };
}

function registration(c: Ctx, prefix: string, name: string, versions: PackageRecord[]) {
  const items = versions.map((p) => catalogEntry(c, prefix, p));
  return {
    count: 1,
    items: [
      {
        "@id": `${prefix}/metadata/${name.toLowerCase()}/index.json`,
        lower: versions[0].version,
        upper: versions.at(-1)!.version,
        count: items.length,
        items,
      },
    ],
  };
}

async function read(c: Ctx) {
  checkId(c);
  const rest = restOf(c, "/packages/nuget/").replace(/\/$/, "");
  if (rest === "index.json" || rest === "index") {
    // public endpoint: only the project (or group) must exist
    if (isGroup(c)) pmGroup(c);
    else if (!findProject(c, c.req.param("id") ?? "")) fail(404, { message: "404 Not Found" });
    return c.json(serviceIndex(c));
  }
  const projects = scopeProjects(c);
  const prefix = prefixOf(c);
  const seg = rest.split("/").map(decode);
  if (seg[0] === "download" && seg.length === 3 && /^index(\.json)?$/.test(seg[2])) {
    const versions = versionsOf(c, projects, seg[1]);
    if (!versions.length) fail(404, { message: "404 Package Not Found" });
    return c.json({ versions: versions.map((p) => p.version!.toLowerCase()) });
  }
  if (seg[0] === "download" && seg.length === 4) {
    const p = versionsOf(c, projects, seg[1]).find(
      (v) => v.version!.toLowerCase() === seg[2].toLowerCase(),
    );
    if (!p) fail(404, { message: "404 Package Not Found" });
    const ext = seg[3].endsWith(".snupkg") ? ".snupkg" : ".nupkg";
    const file = packageFiles(c.get("rt").store, p!)
      .filter((f) => f.fileName.toLowerCase().endsWith(ext))
      .at(-1);
    if (!file) fail(404, { message: "404 Package Not Found" });
    const bytes = await fileBytes(c, p!, file!);
    markDownloaded(c.get("rt"), p!);
    return binary(c, bytes, "application/octet-stream");
  }
  if (seg[0] === "metadata" && seg.length === 3) {
    const versions = versionsOf(c, projects, seg[1]);
    if (!versions.length) fail(404, { message: "404 Package Not Found" });
    if (/^index(\.json)?$/.test(seg[2])) return c.json(registration(c, prefix, seg[1], versions));
    const v = seg[2].replace(/\.json$/, "").toLowerCase();
    const p = versions.find((x) => x.version!.toLowerCase() === v);
    if (!p) fail(404, { message: "404 Package Not Found" });
    return c.json(catalogEntry(c, prefix, p!));
  }
  if (seg[0] === "query" && seg.length === 1) return c.json(search(c, prefix, projects));
  fail(404, { error: "404 Not Found" });
}

function search(c: Ctx, prefix: string, projects: Project[]) {
  const q = (c.req.query("q") ?? "").toLowerCase();
  const skip = Math.max(0, Number(c.req.query("skip") ?? 0) || 0);
  const take = Math.min(Math.max(1, Number(c.req.query("take") ?? 20) || 20), 100);
  const pre = c.req.query("prerelease") !== "false";
  const byName = new Map<string, PackageRecord[]>();
  for (const p of findSeriesBy(
    c.get("rt").store,
    projects.map((x) => x.id),
    "nuget",
    (n) => n.toLowerCase().includes(q),
  )) {
    if (p.version === null || !INSTALLABLE.has(p.status) || (!pre && p.version.includes("-")))
      continue;
    const list = byName.get(p.name.toLowerCase()) ?? [];
    list.push(p);
    byName.set(p.name.toLowerCase(), list);
  }
  const names = [...byName.keys()].sort();
  const data = names.slice(skip, skip + take).map((n) => {
    const versions = byName.get(n)!.sort((a, b) => a.createdAt - b.createdAt);
    const latest = versions.at(-1)!;
    return {
      "@type": "Package",
      authors: "",
      id: latest.name,
      title: latest.name,
      description: "",
      summary: "",
      tags: "",
      totalDownloads: 0,
      verified: true,
      version: latest.version,
      versions: versions.map((p) => ({
        "@id": `${prefix}/metadata/${n}/${p.version!.toLowerCase()}.json`,
        version: p.version,
        downloads: 0,
      })),
    };
  });
  return { totalHits: names.length, data };
}

// GET <prefix>/index.json, /download/:name/index.json, /download/:name/:version/:file,
// /metadata/:name/index.json, /metadata/:name/:version.json, /query (project and group)
nugetRoutes.get("/projects/:id/packages/nuget/*", read);
nugetRoutes.get("/groups/:id/-/packages/nuget/*", read);

/** id and version from the .nuspec at the root of the .nupkg (ExtractMetadataFileService). */
async function nuspecOf(bytes: Buffer): Promise<{ id: string; version: string }> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    fail(400, { message: "400 Bad request - Invalid package file" });
  }
  const entry = Object.values(zip!.files).find(
    (f) => !f.name.includes("/") && f.name.endsWith(".nuspec"),
  );
  if (!entry) fail(400, { message: "nuspec file not found" });
  const xml = await entry!.async("string");
  const id = /<id>\s*([^<]+?)\s*<\/id>/.exec(xml)?.[1];
  const version = /<version>\s*([^<]+?)\s*<\/version>/.exec(xml)?.[1];
  if (!id || !version) fail(400, { message: "400 Bad request - nuspec is missing id or version" });
  return { id: id!, version: version! };
}

async function push(c: Ctx) {
  checkId(c);
  const project = pmProject(c, "write");
  const form = await c.req.parseBody();
  const pkg = form.package;
  if (!(pkg instanceof File)) fail(400, { error: "package is missing" });
  const bytes = Buffer.from(await (pkg as File).arrayBuffer());
  const { id, version } = await nuspecOf(bytes);
  const rt = c.get("rt");
  const existing = findSeriesBy(
    rt.store,
    [project.id],
    "nuget",
    (n) => n.toLowerCase() === id.toLowerCase(),
  ).find(
    (p) => p.version?.toLowerCase() === version.toLowerCase() && p.status !== "pending_destruction",
  );
  if (existing && !duplicateAllowed(rt.store, project.id, "nuget", id, version)) {
    fail(409, { message: "A package with the same name and version already exists" });
  }
  const p =
    existing ?? createPackage(rt, project, "nuget", id, version, { publisherId: publisherOf(c) });
  addFile(rt, p, `${id.toLowerCase()}.${version.toLowerCase()}.nupkg`, bytes);
  return c.json({ message: "201 Created" }, 201);
}

// PUT /projects/:id/packages/nuget (and /v2) — multipart field `package` (.nupkg) → 201
nugetRoutes.put("/projects/:id/packages/nuget", push);
nugetRoutes.put("/projects/:id/packages/nuget/", push);
nugetRoutes.put("/projects/:id/packages/nuget/v2", push);

// DELETE /projects/:id/packages/nuget/:package_name/:package_version — destroy_package → 204
nugetRoutes.delete("/projects/:id/packages/nuget/:package_name/:package_version", (c) => {
  checkId(c);
  const project = pmProject(c, "read");
  const rt = c.get("rt");
  if (!canDeletePackages(rt.store, c.get("caller"), project))
    fail(403, { message: "403 Forbidden" });
  const name = decode(c.req.param("package_name")).toLowerCase();
  const version = decode(c.req.param("package_version")).toLowerCase();
  const p = versionsOf(c, [project], name).find((v) => v.version!.toLowerCase() === version);
  if (!p) fail(404, { message: "404 Package Not Found" });
  p!.status = "pending_destruction";
  rt.store.touched.add(p!.id);
  rt.changed();
  return c.body(null, 204);
});
