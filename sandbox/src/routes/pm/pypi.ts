// PyPI (facts §8.2; GitLab lib/api/pypi_packages.rb, Packages::Pypi::CreatePackageService and
// the Simple*Presenters): PEP 503 simple pages, file download by sha256, twine upload.
import { createHash } from "node:crypto";
import { Hono } from "hono";
import { REQUIRES_PYTHON } from "../../fixture/artifacts";
import type { Ctx, SandboxEnv } from "../../http/env";
import { fail } from "../../http/errors";
import { addFile, createPackage, findSeriesBy, packageFiles } from "../../state/pm-store";
import type { PackageRecord, Project } from "../../state/types";
import { binary, decode, fileBytes, pmGroup, pmProject, publisherOf, restOf } from "./common";
import { NPM_INSTALLABLE as INSTALLABLE } from "./npm-metadata";

export const pypiRoutes = new Hono<SandboxEnv>();

/** PEP 503: runs of `-`, `_`, `.` become one `-`, lower case. */
export const normalize = (name: string) => name.replace(/[-_.]+/g, "-").toLowerCase();

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function scope(c: Ctx): { prefix: string; projects: Project[] } {
  const base = c.get("rt").publicUrl;
  const id = encodeURIComponent(c.req.param("id") ?? "");
  if (new URL(c.req.url).pathname.startsWith("/api/v4/groups/")) {
    return { prefix: `${base}/api/v4/groups/${id}/-/packages/pypi`, projects: pmGroup(c).projects };
  }
  return {
    prefix: `${base}/api/v4/projects/${id}/packages/pypi`,
    projects: [pmProject(c, "read")],
  };
}

function installable(c: Ctx, projects: Project[], name?: string): PackageRecord[] {
  const wanted = name === undefined ? null : normalize(name);
  return findSeriesBy(
    c.get("rt").store,
    projects.map((p) => p.id),
    "pypi",
    (n) => wanted === null || normalize(n) === wanted,
  )
    .filter((p) => p.version !== null && INSTALLABLE.has(p.status))
    .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
}

function html(c: Ctx, title: string, links: string[]) {
  const body = `<!DOCTYPE html>
<html>
  <head>
    <title>${esc(title)}</title>
  </head>
  <body>
    <h1>${esc(title)}</h1>
    ${links.join("\n    ")}
  </body>
</html>
`;
  return c.body(body, 200, { "content-type": "text/html; charset=utf-8", vary: "Accept" });
}

const requiresPython = (c: Ctx, p: PackageRecord) =>
  (c.get("rt").store.pmMeta.get(p.id)?.requires_python as string | undefined) ??
  (p.uploaded ? "" : REQUIRES_PYTHON);

/** Files of the versions with the sha256 of the bytes served (fixture bytes are generated). */
async function filesWithSha(c: Ctx, versions: PackageRecord[]) {
  const out = [];
  for (const p of versions) {
    for (const f of packageFiles(c.get("rt").store, p)) {
      const sha256 =
        f.sha256 ??
        createHash("sha256")
          .update(await fileBytes(c, p, f))
          .digest("hex");
      out.push({ p, f, sha256 });
    }
  }
  return out;
}

async function read(c: Ctx) {
  const { prefix, projects } = scope(c);
  const rest = restOf(c, "/packages/pypi/");
  if (rest === "simple" || rest === "simple/") {
    const names = new Map<string, PackageRecord>();
    for (const p of installable(c, projects)) names.set(normalize(p.name), p);
    const links = [...names.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(
        ([n, p]) =>
          `<a href="${prefix}/simple/${n}" data-requires-python="${esc(requiresPython(c, p))}">${esc(p.name)}</a><br>`,
      );
    return html(c, "Simple Index", links);
  }
  const simple = /^simple\/([^/]+)\/?$/.exec(rest);
  if (simple) {
    const name = decode(simple[1]);
    const versions = installable(c, projects, name);
    if (!versions.length) fail(404, { message: "404 Package Not Found" });
    const links = (await filesWithSha(c, versions)).map(
      ({ p, f, sha256 }) =>
        `<a href="${prefix}/files/${sha256}/${encodeURIComponent(f.fileName)}#sha256=${sha256}" data-requires-python="${esc(requiresPython(c, p))}">${esc(f.fileName)}</a><br>`,
    );
    return html(c, `Links for ${versions.at(-1)!.name}`, links);
  }
  const file = /^files\/([0-9a-fA-F]+)\/([^/]+)$/.exec(rest);
  if (!file) fail(404, { error: "404 Not Found" });
  const sha = file![1].toLowerCase();
  const fileName = decode(file![2]);
  const rt = c.get("rt");
  for (const p of installable(c, projects)) {
    for (const f of packageFiles(rt.store, p)) {
      if (f.fileName !== fileName) continue;
      const bytes = await fileBytes(c, p, f);
      if (createHash("sha256").update(bytes).digest("hex") !== sha) continue;
      p.lastDownloadedAt = Date.now();
      rt.store.touched.add(p.id);
      rt.changed();
      return binary(c, bytes, "application/octet-stream", {
        "content-disposition": `attachment; filename="${fileName}"`,
      });
    }
  }
  fail(404, { message: "404 Package Not Found" });
}

// GET …/simple, …/simple/:package_name, …/files/:sha256/:file_identifier (project and group)
pypiRoutes.get("/projects/:id/packages/pypi/*", read);
pypiRoutes.get("/groups/:id/-/packages/pypi/*", read);

// POST /projects/:id/packages/pypi — twine upload (multipart: content, name, version, …) → 201
async function upload(c: Ctx) {
  const project = pmProject(c, "write");
  const form = await c.req.parseBody({ all: true });
  const one = (k: string) => {
    const v = form[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const content = one("content");
  if (!(content instanceof File)) fail(400, { error: "content is missing" });
  const name = one("name");
  const version = one("version");
  if (typeof name !== "string" || !name) fail(400, { error: "name is missing" });
  if (typeof version !== "string" || !version) fail(400, { error: "version is missing" });
  const sha = one("sha256_digest");
  if (sha !== undefined && (typeof sha !== "string" || !/^[0-9a-f]{64}$/i.test(sha)))
    fail(400, { error: "sha256_digest is invalid" });
  const rt = c.get("rt");
  const file = content as File;
  const existing = findSeriesBy(rt.store, [project.id], "pypi", (n) => n === name).find(
    (p) => p.version === version && p.status !== "pending_destruction",
  );
  if (existing && packageFiles(rt.store, existing).some((f) => f.fileName === file.name)) {
    fail(400, {
      message: "400 Bad request - Validation failed: File name has already been taken",
    });
  }
  const p =
    existing ??
    createPackage(rt, project, "pypi", name as string, version as string, {
      publisherId: publisherOf(c),
    });
  const rp = one("requires_python");
  rt.store.pmMeta.set(p.id, {
    ...(rt.store.pmMeta.get(p.id) ?? {}),
    requires_python: typeof rp === "string" ? rp : "",
    summary: typeof one("summary") === "string" ? one("summary") : "",
  });
  addFile(rt, p, file.name, Buffer.from(await file.arrayBuffer()));
  return c.json({ message: "201 Created" }, 201);
}

pypiRoutes.post("/projects/:id/packages/pypi", upload);
pypiRoutes.post("/projects/:id/packages/pypi/", upload);
