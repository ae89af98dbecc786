// npm (facts §8.1; GitLab lib/api/npm_project_packages.rb, npm_group_packages.rb,
// concerns/packages/npm_endpoints.rb): metadata, tarballs, publish, dist-tags — project level,
// and read-only group level serving only packages scoped to their project's root namespace.
import { Hono } from "hono";
import type { Ctx, SandboxEnv } from "../../http/env";
import { fail } from "../../http/errors";
import { canDeletePackages } from "../../state/access";
import { addFile, createPackage, findVersion, markDownloaded } from "../../state/pm-store";
import { seriesKey, type Store } from "../../state/store";
import type { Project } from "../../state/types";
import { binary, decode, pmGroup, pmProject, publisherOf, restOf } from "./common";
import { distTagsOf, npmVersions, packageDocument, tarballOf } from "./npm-metadata";

export const npmRoutes = new Hono<SandboxEnv>();

const PROJECT = "/projects/:id/packages/npm/*";
const GROUP = "/groups/:id/-/packages/npm/*";

const packageNotFound = (): never => fail(404, { message: "404 Package Not Found" });

function rootPath(store: Store, project: Project): string {
  return store.ancestors(project.groupId).at(-1)?.path ?? "";
}

interface Scope {
  prefix: string;
  projects: Project[];
  /** the project of a project-level request */
  project?: Project;
}

function scopeOf(c: Ctx, need: "read" | "write"): Scope {
  const base = c.get("rt").publicUrl;
  if (new URL(c.req.url).pathname.startsWith("/api/v4/groups/")) {
    const { group, projects } = pmGroup(c);
    return {
      prefix: `${base}/api/v4/groups/${encodeURIComponent(c.req.param("id") ?? String(group.id))}/-/packages/npm`,
      projects,
    };
  }
  const project = pmProject(c, need);
  return {
    prefix: `${base}/api/v4/projects/${encodeURIComponent(c.req.param("id") ?? "")}/packages/npm`,
    projects: [project],
    project,
  };
}

/** Group level: only `@<root namespace>/…` packages of each project are served. */
function servable(c: Ctx, scope: Scope, name: string): Project[] {
  if (scope.project) return scope.projects;
  const store = c.get("rt").store;
  return scope.projects.filter((p) => name.startsWith(`@${rootPath(store, p)}/`));
}

function nameOf(raw: string): string {
  const name = decode(raw);
  if (!name || name.startsWith("/") || name.endsWith("/"))
    fail(400, { error: "package_name is invalid" });
  return name;
}

async function read(c: Ctx) {
  const scope = scopeOf(c, "read");
  const rt = c.get("rt");
  const rest = restOf(c, "/packages/npm/");
  if (rest.startsWith("-/package/")) {
    const m = /^-\/package\/(.+)\/dist-tags$/.exec(rest);
    if (!m) fail(404, { error: "404 Not Found" });
    const name = nameOf(m![1]);
    const versions = npmVersions(rt.store, servable(c, scope, name), name);
    if (!versions.length) packageNotFound();
    return c.json(distTagsOf(rt.store, versions));
  }
  const dash = rest.indexOf("/-/");
  if (dash >= 0) {
    const name = nameOf(rest.slice(0, dash));
    const file = decode(rest.slice(dash + 3));
    const versions = npmVersions(rt.store, servable(c, scope, name), name);
    const p = versions.find((v) => file === `${name}-${v.version}.tgz`);
    if (!p) packageNotFound();
    const tb = await tarballOf(c, p!);
    if (!tb) packageNotFound();
    markDownloaded(rt, p!);
    return binary(c, tb!.bytes, "application/octet-stream");
  }
  const name = nameOf(rest);
  const versions = npmVersions(rt.store, servable(c, scope, name), name);
  if (!versions.length) packageNotFound();
  return c.json(await packageDocument(c, scope.prefix, name, versions));
}

// GET <prefix>/:package_name | <prefix>/:package_name/-/:file_name | <prefix>/-/package/:name/dist-tags
npmRoutes.get(PROJECT, read);
npmRoutes.get(GROUP, read);

interface Attachment {
  data?: string;
}

// PUT /projects/:id/packages/npm/:package_name — npm publish; PUT …/-/package/:name/dist-tags/:tag
npmRoutes.put(PROJECT, async (c) => {
  const project = pmProject(c, "write");
  const rt = c.get("rt");
  const rest = restOf(c, "/packages/npm/");
  const tag = /^-\/package\/(.+)\/dist-tags\/([^/]+)$/.exec(rest);
  if (tag) {
    const name = nameOf(tag[1]);
    const version = JSON.parse((await c.req.text()) || "null") as unknown;
    if (typeof version !== "string") fail(400, { error: "version is missing" });
    const target = findVersion(rt.store, project.id, "npm", name, version as string);
    if (!target) packageNotFound();
    setTag(c, project, name, decode(tag[2]), version as string);
    return c.body(null, 204);
  }
  const name = nameOf(rest);
  if (c.req.header("npm-command") === "deprecate") return deprecate(c, project, name);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(await c.req.text()) as Record<string, unknown>;
  } catch {
    fail(400, { error: "versions is missing" });
  }
  const versions = body!.versions as Record<string, Record<string, unknown>> | undefined;
  if (!versions || typeof versions !== "object") fail(400, { error: "versions is missing" });
  const version = Object.keys(versions!)[0];
  if (!version) fail(400, { message: "Version is empty." });
  const attachments = (body!._attachments ?? {}) as Record<string, Attachment>;
  const data = Object.values(attachments)[0]?.data;
  if (!data) fail(400, { message: "Attachment data is empty." });
  if (findVersion(rt.store, project.id, "npm", name, version)) {
    fail(403, { message: "Package already exists.", error: "Package already exists." });
  }
  const manifest = { ...versions![version] };
  delete manifest.dist;
  delete manifest._id;
  const p = createPackage(rt, project, "npm", name, version, { publisherId: publisherOf(c) });
  rt.store.pmMeta.set(p.id, { manifest });
  const base = name.includes("/") ? name.split("/")[1] : name;
  addFile(rt, p, `${base}-${version}.tgz`, Buffer.from(data!, "base64"));
  const tags = (body!["dist-tags"] ?? {}) as Record<string, unknown>;
  for (const [t, v] of Object.entries(tags))
    if (typeof v === "string") setTag(c, project, name, t, v);
  return c.json({ id: p.id, name, version, package_type: "npm", status: p.status }, 200);
});

// DELETE /projects/:id/packages/npm/-/package/:name/dist-tags/:tag — destroy_package (Maintainer+)
npmRoutes.delete(PROJECT, (c) => {
  const project = pmProject(c, "write");
  const rt = c.get("rt");
  const tag = /^-\/package\/(.+)\/dist-tags\/([^/]+)$/.exec(restOf(c, "/packages/npm/"));
  if (!tag) fail(404, { error: "404 Not Found" });
  if (!canDeletePackages(rt.store, c.get("caller"), project))
    fail(403, { message: "403 Forbidden" });
  const name = nameOf(tag![1]);
  const versions = npmVersions(rt.store, [project], name);
  if (!versions.length) packageNotFound();
  const key = seriesKey(project.id, "npm", name);
  const tags = distTagsOf(rt.store, versions);
  const t = decode(tag![2]);
  if (!(t in tags)) fail(404, { message: "404 Package tag Not Found" });
  delete tags[t];
  rt.store.distTags.set(key, tags);
  rt.changed();
  return c.body(null, 204);
});

function setTag(c: Ctx, project: Project, name: string, tag: string, version: string) {
  const rt = c.get("rt");
  const key = seriesKey(project.id, "npm", name);
  const current = distTagsOf(rt.store, npmVersions(rt.store, [project], name));
  rt.store.distTags.set(key, { ...current, [tag]: version });
  rt.changed();
}

/** `npm deprecate` (Npm-Command: deprecate): destroy_package; marks the versions sent. */
async function deprecate(c: Ctx, project: Project, name: string) {
  const rt = c.get("rt");
  if (!canDeletePackages(rt.store, c.get("caller"), project))
    fail(403, { message: "403 Forbidden" });
  const body = JSON.parse((await c.req.text()) || "{}") as {
    versions?: Record<string, { deprecated?: unknown }>;
  };
  let changed = 0;
  for (const [version, manifest] of Object.entries(body.versions ?? {})) {
    if (typeof manifest?.deprecated !== "string") continue;
    const p = findVersion(rt.store, project.id, "npm", name, version);
    if (!p || (p.status !== "default" && p.status !== "deprecated")) continue;
    p.status = manifest.deprecated ? "deprecated" : "default";
    rt.store.pmMeta.set(p.id, {
      ...(rt.store.pmMeta.get(p.id) ?? {}),
      deprecated: manifest.deprecated,
    });
    rt.store.touched.add(p.id);
    changed++;
  }
  if (!changed) fail(400, { message: "400 Bad request - package versions to deprecate not given" });
  rt.changed();
  return c.json({ message: "200 OK" });
}
