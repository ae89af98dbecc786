// Package-manager protocols by raw HTTP: npm, PyPI, Maven, NuGet, generic — shapes, checksums
// of the bytes served, duplicates, and uploads showing up in the REST API.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../src/server";
import { api, call, PAT, start } from "./helpers";

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(() => sb.close());
beforeEach(async () => {
  await call(sb, "/-/sandbox/reset", { method: "POST" });
});

const dev = { "private-token": PAT("developer") };
const sha = (alg: string, b: Buffer) => createHash(alg).update(b).digest("hex");
const bytes = async (p: string, headers: Record<string, string> = dev) => {
  const res = await fetch(`http://127.0.0.1:${sb.port}/api/v4${p}`, { headers });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
};
const settings = (groupId: number, body: object) =>
  call(sb, `/-/sandbox/package-settings/${groupId}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("generic", () => {
  const url = (v: string, f: string) => `/projects/1/packages/generic/tool/${v}/${f}`;

  it("PUT → 201, GET → the bytes as attachment; REST lists the file with real digests", async () => {
    const put = await api(sb, url("1.0.0", "tool.bin"), {
      method: "PUT",
      headers: dev,
      body: "payload-1",
    });
    expect(put.status).toBe(201);
    expect(put.body).toEqual({ message: "201 Created" });
    const got = await bytes(url("1.0.0", "tool.bin"));
    expect(got.body.toString()).toBe("payload-1");
    expect(got.headers.get("content-disposition")).toMatch(/^attachment; filename="tool.bin"/);
    expect(got.headers.get("x-checksum-sha256")).toBe(sha("sha256", Buffer.from("payload-1")));
    const list = await api(sb, "/projects/1/packages?package_name=tool", { as: "developer" });
    expect(list.body).toHaveLength(1);
    const files = await api(sb, `/projects/1/packages/${list.body[0].id}/package_files`, {
      as: "developer",
    });
    expect(files.body[0]).toMatchObject({
      file_name: "tool.bin",
      size: 9,
      file_sha256: sha("sha256", Buffer.from("payload-1")),
      file_md5: sha("md5", Buffer.from("payload-1")),
      file_sha1: sha("sha1", Buffer.from("payload-1")),
    });
  });

  it("?status=hidden: installable but left out of the default listing", async () => {
    const put = await api(sb, `${url("1.1.0", "tool.bin")}?status=hidden`, {
      method: "PUT",
      headers: dev,
      body: "hidden",
    });
    expect(put.status).toBe(201);
    expect((await bytes(url("1.1.0", "tool.bin"))).body.toString()).toBe("hidden");
    const shown = await api(sb, "/projects/1/packages?package_name=tool", { as: "developer" });
    expect(shown.body).toHaveLength(0);
    const hidden = await api(sb, "/projects/1/packages?package_name=tool&status=hidden", {
      as: "developer",
    });
    expect(hidden.body).toHaveLength(1);
    const bad = await api(sb, `${url("1.2.0", "tool.bin")}?status=error`, {
      method: "PUT",
      headers: dev,
      body: "x",
    });
    expect(bad.status).toBe(400);
  });

  it("validates name, version and file name (400) and select=package_file answers the record", async () => {
    for (const [v, f, error] of [
      ["1..0", "a.bin", "package_version is invalid"],
      ["1.0", "a%20b.bin", "file_name is invalid"],
    ]) {
      const r = await api(sb, url(v, f), { method: "PUT", headers: dev, body: "x" });
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ error });
    }
    const bad = await api(sb, "/projects/1/packages/generic/bad%20name/1.0/a.bin", {
      method: "PUT",
      headers: dev,
      body: "x",
    });
    expect(bad.body).toEqual({ error: "package_name is invalid" });
    const sel = await api(sb, `${url("2.0", "a.bin")}?select=package_file`, {
      method: "PUT",
      headers: dev,
      body: "abc",
    });
    expect(sel.status).toBe(200);
    expect(sel.body).toMatchObject({
      file_name: "a.bin",
      size: 3,
      file_sha256: sha("sha256", Buffer.from("abc")),
    });
  });

  it("a second upload of the same file is refused once the group disallows duplicates", async () => {
    const put = () => api(sb, url("3.0", "a.bin"), { method: "PUT", headers: dev, body: "x" });
    expect((await put()).status).toBe(201);
    expect((await put()).status).toBe(201);
    await settings(101, { generic_duplicates_allowed: false });
    const refused = await put();
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ message: "400 Bad request - Duplicate package is not allowed" });
    await settings(101, { generic_duplicate_exception_regex: "3\\..*" });
    expect((await put()).status).toBe(201);
  });
});

describe("npm", () => {
  it("metadata: tarball URLs under the request's prefix, shasum/integrity of the bytes served", async () => {
    const doc = await api(sb, "/projects/2/packages/npm/@platon%2fauth-client", {
      headers: { authorization: `Bearer ${PAT("developer")}` },
    });
    expect(doc.status).toBe(200);
    const latest = doc.body["dist-tags"].latest as string;
    const v = doc.body.versions[latest];
    expect(v.dist.tarball).toBe(
      `${sb.url}/api/v4/projects/2/packages/npm/@platon/auth-client/-/@platon/auth-client-${latest}.tgz`,
    );
    const tgz = await bytes(new URL(v.dist.tarball).pathname.slice("/api/v4".length));
    expect(tgz.status).toBe(200);
    expect(sha("sha1", tgz.body)).toBe(v.dist.shasum);
    expect(`sha512-${createHash("sha512").update(tgz.body).digest("base64")}`).toBe(
      v.dist.integrity,
    );
    const group = await api(sb, "/groups/platon/-/packages/npm/@platon%2fauth-client", {
      headers: { authorization: `Bearer ${PAT("developer")}` },
    });
    expect(group.body.versions[latest].dist.tarball).toContain(
      "/api/v4/groups/platon/-/packages/npm/",
    );
  });

  it("the group endpoint serves only packages scoped to the project's root namespace", async () => {
    // @platon/ui-kit lives in shared/commons (root namespace `shared`)
    const project = await api(sb, "/projects/10/packages/npm/@platon%2fui-kit");
    expect(project.status).toBe(200);
    const group = await api(sb, "/groups/shared/-/packages/npm/@platon%2fui-kit");
    expect(group.status).toBe(404);
  });

  it("publish → 200 and listed; the same version again → 403 Package already exists; dist-tags", async () => {
    const tarball = Buffer.from("not really a tarball, the registry stores bytes");
    const body = (version: string, tag = "latest") =>
      JSON.stringify({
        name: "@platon/pm-test",
        "dist-tags": { [tag]: version },
        versions: { [version]: { name: "@platon/pm-test", version, dist: { shasum: "x" } } },
        _attachments: {
          [`@platon/pm-test-${version}.tgz`]: {
            data: tarball.toString("base64"),
            length: tarball.length,
          },
        },
      });
    const publish = (version: string, tag?: string) =>
      api(sb, "/projects/5/packages/npm/@platon%2fpm-test", {
        method: "PUT",
        headers: {
          authorization: `Bearer ${PAT("developer")}`,
          "content-type": "application/json",
        },
        body: body(version, tag),
      });
    expect((await publish("1.0.0")).status).toBe(200);
    const dup = await publish("1.0.0");
    expect(dup.status).toBe(403);
    expect(dup.body).toEqual({
      message: "Package already exists.",
      error: "Package already exists.",
    });
    expect((await publish("2.0.0-beta.1", "beta")).status).toBe(200);
    const tags = "/projects/5/packages/npm/-/package/@platon%2fpm-test/dist-tags";
    const auth = { authorization: `Bearer ${PAT("developer")}` };
    expect((await api(sb, tags, { headers: auth })).body).toEqual({
      latest: "1.0.0",
      beta: "2.0.0-beta.1",
    });
    const put = await api(sb, `${tags}/next`, {
      method: "PUT",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify("1.0.0"),
    });
    expect(put.status).toBe(204);
    // deleting a tag needs destroy_package (Maintainer+)
    expect((await api(sb, `${tags}/beta`, { method: "DELETE", headers: auth })).status).toBe(403);
    const del = await api(sb, `${tags}/beta`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${PAT("owner")}` },
    });
    expect(del.status).toBe(204);
    expect((await api(sb, tags, { headers: auth })).body).toEqual({
      latest: "1.0.0",
      next: "1.0.0",
    });
    const doc = await api(sb, "/projects/5/packages/npm/@platon%2fpm-test", { headers: auth });
    const served = await bytes(new URL(doc.body.versions["1.0.0"].dist.tarball).pathname.slice(7));
    expect(served.body.equals(tarball)).toBe(true);
    const rest = await api(sb, "/projects/5/packages?package_name=pm-test", { as: "developer" });
    expect(rest.body.map((p: { version: string }) => p.version).sort()).toEqual([
      "1.0.0",
      "2.0.0-beta.1",
    ]);
  });
});

describe("npm deprecate", () => {
  it("Npm-Command: deprecate needs destroy_package and marks the versions sent", async () => {
    const path = "/projects/2/packages/npm/@platon%2fauth-client";
    const doc = await api(sb, path, { headers: { authorization: `Bearer ${PAT("maintainer")}` } });
    const version = doc.body["dist-tags"].latest as string;
    const send = (who: string) =>
      api(sb, path, {
        method: "PUT",
        headers: {
          authorization: `Bearer ${PAT(who)}`,
          "npm-command": "deprecate",
          "content-type": "application/json",
        },
        body: JSON.stringify({
          name: "@platon/auth-client",
          versions: { [version]: { deprecated: "use 2.x" } },
        }),
      });
    expect((await send("developer")).status).toBe(403);
    expect((await send("maintainer")).status).toBe(200);
    const after = await api(sb, path, {
      headers: { authorization: `Bearer ${PAT("maintainer")}` },
    });
    expect(after.body.versions[version].deprecated).toBe("use 2.x");
    const rest = await api(sb, `/projects/2/packages?package_name=auth-client&status=deprecated`, {
      as: "maintainer",
    });
    expect(rest.body.map((p: { version: string }) => p.version)).toContain(version);
  });
});

describe("PyPI", () => {
  const auth = {
    authorization: `Basic ${Buffer.from(`x:${PAT("developer")}`).toString("base64")}`,
  };

  it("simple pages: PEP 503 names, links with #sha256 of the served file and data-requires-python", async () => {
    const index = await api(sb, "/projects/6/packages/pypi/simple", { headers: auth });
    expect(index.headers.get("content-type")).toContain("text/html");
    expect(index.body).toContain('/packages/pypi/simple/platon-pipelines"');
    const page = await api(sb, "/projects/6/packages/pypi/simple/Platon_Pipelines/", {
      headers: auth,
    });
    expect(page.status).toBe(200);
    const m =
      /href="[^"]+(\/projects\/6\/packages\/pypi\/files\/([0-9a-f]{64})\/([^"#]+\.whl))#sha256=([0-9a-f]{64})" data-requires-python="&gt;=3.8"/.exec(
        page.body,
      )!;
    expect(m).not.toBeNull();
    expect(m[2]).toBe(m[4]);
    const file = await bytes(m[1], auth);
    expect(file.status).toBe(200);
    expect(sha("sha256", file.body)).toBe(m[2]);
    const zip = await JSZip.loadAsync(file.body);
    expect(Object.keys(zip.files).some((n) => n.endsWith(".dist-info/METADATA"))).toBe(true);
    const wrong = await bytes(m[1].replace(m[2], "0".repeat(64)), auth);
    expect(wrong.status).toBe(404);
  });

  it("upload → 201 and listed; the same file again → 400 as GitLab words it", async () => {
    const upload = () => {
      const form = new FormData();
      form.set("name", "pm-test");
      form.set("version", "0.1.0");
      form.set("requires_python", ">=3.10");
      form.set("content", new Blob([Buffer.from("wheel-bytes")]), "pm_test-0.1.0-py3-none-any.whl");
      return api(sb, "/projects/6/packages/pypi", { method: "POST", headers: auth, body: form });
    };
    expect((await upload()).status).toBe(201);
    const dup = await upload();
    expect(dup.status).toBe(400);
    expect(dup.body).toEqual({
      message: "400 Bad request - Validation failed: File name has already been taken",
    });
    const page = await api(sb, "/groups/platon/-/packages/pypi/simple/pm-test", { headers: auth });
    expect(page.body).toContain(`#sha256=${sha("sha256", Buffer.from("wheel-bytes"))}`);
    expect(page.body).toContain('data-requires-python="&gt;=3.10"');
  });
});

describe("Maven", () => {
  const base = "/projects/9/packages/maven/com/acme/lib";
  const h = { "private-token": PAT("owner") };

  it("PUT files and checksums, GET with side files, artifact metadata in a versionless package", async () => {
    const jar = Buffer.from("jar-bytes");
    expect(
      (await api(sb, `${base}/1.0/lib-1.0.jar`, { method: "PUT", headers: h, body: jar })).status,
    ).toBe(200);
    const sha1 = await api(sb, `${base}/1.0/lib-1.0.jar.sha1`, {
      method: "PUT",
      headers: h,
      body: sha("sha1", jar),
    });
    expect(sha1.status).toBe(204);
    const badSha1 = await api(sb, `${base}/1.0/lib-1.0.jar.sha1`, {
      method: "PUT",
      headers: h,
      body: "nope",
    });
    expect(badSha1.status).toBe(409);
    const meta =
      "<metadata><versioning><versions><version>1.0</version></versions></versioning></metadata>";
    await api(sb, `${base}/maven-metadata.xml`, { method: "PUT", headers: h, body: meta });
    expect((await bytes(`${base}/1.0/lib-1.0.jar`, h)).body.equals(jar)).toBe(true);
    expect((await bytes(`${base}/1.0/lib-1.0.jar.md5`, h)).body.toString()).toBe(sha("md5", jar));
    expect((await bytes(`${base}/1.0/lib-1.0.jar.sha256`, h)).body.toString()).toBe(
      sha("sha256", jar),
    );
    expect((await bytes(`${base}/maven-metadata.xml`, h)).body.toString()).toBe(meta);
    const list = await api(
      sb,
      "/projects/9/packages?package_name=com/acme/lib&include_versionless=true",
      { as: "owner" },
    );
    expect(list.body.map((p: { version: string | null }) => p.version).sort()).toEqual([
      "1.0",
      null,
    ]);
  });

  it("fixture artifacts: artifact-level metadata lists the series; checksums match the bytes", async () => {
    const meta = await bytes("/projects/1/packages/maven/com/platon/api-client/maven-metadata.xml");
    expect(meta.body.toString()).toContain("<artifactId>api-client</artifactId>");
    const version = /<release>([^<]+)<\/release>/.exec(meta.body.toString())![1];
    const jarPath = `/projects/1/packages/maven/com/platon/api-client/${version}/api-client-${version}.jar`;
    const jar = await bytes(jarPath);
    expect(jar.status).toBe(200);
    expect((await bytes(`${jarPath}.sha1`)).body.toString()).toBe(sha("sha1", jar.body));
  });

  it("a duplicate file is refused with 400 once the group disallows maven duplicates", async () => {
    const put = () => api(sb, `${base}/2.0/lib-2.0.jar`, { method: "PUT", headers: h, body: "x" });
    expect((await put()).status).toBe(200);
    await settings(101, { maven_duplicates_allowed: false });
    const r = await put();
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ message: "400 Bad request - Duplicate package is not allowed" });
    // the versionless metadata package still takes uploads
    const meta = await api(sb, `${base}/maven-metadata.xml`, {
      method: "PUT",
      headers: h,
      body: "<m/>",
    });
    expect(meta.status).toBe(200);
  });
});

describe("NuGet", () => {
  const owner = {
    authorization: `Basic ${Buffer.from(`owner:${PAT("owner")}`).toString("base64")}`,
  };
  const nupkg = async (id: string, version: string) => {
    const z = new JSZip();
    z.file(
      `${id}.nuspec`,
      `<package><metadata><id>${id}</id><version>${version}</version></metadata></package>`,
    );
    return z.generateAsync({ type: "nodebuffer" });
  };
  const push = async (id: string, version: string) => {
    const form = new FormData();
    form.set("package", new Blob([new Uint8Array(await nupkg(id, version))]), "x.nupkg");
    return api(sb, "/projects/12/packages/nuget", { method: "PUT", headers: owner, body: form });
  };

  it("service index anonymous with GitLab's resource types; push → 201, flat container serves it", async () => {
    const index = await api(sb, "/projects/12/packages/nuget/index.json");
    const types = index.body.resources.map((r: { "@type": string }) => r["@type"]);
    expect(types).toEqual(
      expect.arrayContaining([
        "SearchQueryService",
        "RegistrationsBaseUrl",
        "PackageBaseAddress/3.0.0",
        "PackagePublish/2.0.0",
      ]),
    );
    expect(await push("Acme.Widget", "1.0.0")).toMatchObject({
      status: 201,
      body: { message: "201 Created" },
    });
    const versions = await api(sb, "/projects/12/packages/nuget/download/acme.widget/index.json", {
      headers: owner,
    });
    expect(versions.body).toEqual({ versions: ["1.0.0"] });
    const file = await bytes(
      "/projects/12/packages/nuget/download/acme.widget/1.0.0/acme.widget.1.0.0.nupkg",
      owner,
    );
    expect(file.body.equals(await nupkg("Acme.Widget", "1.0.0"))).toBe(true);
    const reg = await api(sb, "/projects/12/packages/nuget/metadata/acme.widget/index.json", {
      headers: owner,
    });
    expect(reg.body.items[0].items[0].catalogEntry).toMatchObject({
      id: "Acme.Widget",
      version: "1.0.0",
    });
    const q = await api(sb, "/projects/12/packages/nuget/query?q=widget", { headers: owner });
    expect(q.body.totalHits).toBe(1);
  });

  it("duplicates: accepted by default, 409 when the group disallows them", async () => {
    expect((await push("Acme.Dup", "1.0.0")).status).toBe(201);
    expect((await push("Acme.Dup", "1.0.0")).status).toBe(201);
    await settings(105, { nuget_duplicates_allowed: false });
    const r = await push("Acme.Dup", "1.0.0");
    expect(r.status).toBe(409);
    expect(r.body).toEqual({ message: "A package with the same name and version already exists" });
  });
});

describe("NuGet delete", () => {
  it("DELETE …/nuget/:name/:version needs Maintainer+ (X-NuGet-ApiKey works) → 204, then gone", async () => {
    const path = "/projects/12/packages/nuget/platon.licensing/1.0.0";
    const dev = await api(sb, path, {
      method: "DELETE",
      headers: { "x-nuget-apikey": PAT("developer") },
    });
    expect(dev.status).toBe(404); // developer cannot see shared/licensing
    const job = await api(sb, path, {
      method: "DELETE",
      headers: { "x-nuget-apikey": "glcbt-sandbox-12" },
    });
    expect(job.status).toBe(403);
    const owner = await api(sb, path, {
      method: "DELETE",
      headers: { "x-nuget-apikey": PAT("owner") },
    });
    expect(owner.status).toBe(204);
    const versions = await api(
      sb,
      "/projects/12/packages/nuget/download/platon.licensing/index.json",
      {
        headers: {
          authorization: `Basic ${Buffer.from(`owner:${PAT("owner")}`).toString("base64")}`,
        },
      },
    );
    expect(versions.body.versions).not.toContain("1.0.0");
  });
});

describe("state", () => {
  it("reset drops uploads; SANDBOX_DATA_DIR keeps them and their bytes across restarts", async () => {
    const put = (s: RunningSandbox) =>
      fetch(`http://127.0.0.1:${s.port}/api/v4/projects/1/packages/generic/kept/1.0/k.txt`, {
        method: "PUT",
        headers: dev,
        body: "kept-bytes",
      });
    expect((await put(sb)).status).toBe(201);
    await call(sb, "/-/sandbox/reset", { method: "POST" });
    expect((await bytes("/projects/1/packages/generic/kept/1.0/k.txt")).status).toBe(404);

    const dir = mkdtempSync(path.join(tmpdir(), "sandbox-pm-"));
    try {
      const a = await start({ dataDir: dir });
      expect((await put(a)).status).toBe(201);
      await a.close();
      const b = await start({ dataDir: dir });
      const res = await fetch(
        `http://127.0.0.1:${b.port}/api/v4/projects/1/packages/generic/kept/1.0/k.txt`,
        {
          headers: dev,
        },
      );
      expect(await res.text()).toBe("kept-bytes");
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
