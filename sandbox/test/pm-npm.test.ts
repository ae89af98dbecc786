// npm's registry protocol by raw HTTP: metadata and tarballs with their digests, the group
// endpoint's scope rule, publish and duplicates, dist-tags, deprecate.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { api, PAT } from "./helpers";
import { bytes, sb, sha, sandboxPerFile } from "./pm-kit";

sandboxPerFile();

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
