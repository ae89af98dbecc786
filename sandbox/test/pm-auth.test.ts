// Credentials on the package-manager routes, by raw HTTP: who gets 401 (with GitLab's realm),
// 403 or 404, which token kinds and transports each format takes.
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

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
const REALM = 'Basic realm="GitLab Packages Registry"';
const GENERIC = "/projects/1/packages/generic/api-openapi-spec";
const simple = (id: number | string) => `/projects/${id}/packages/pypi/simple`;

async function deployToken(kind: "projects" | "groups", id: number, scopes: string[]) {
  const r = await api(sb, `/${kind}/${id}/deploy_tokens`, {
    method: "POST",
    as: "owner",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "ci", scopes }),
  });
  expect(r.status).toBe(201);
  return r.body as { token: string; username: string; id: number };
}

describe("who may pull", () => {
  it("anonymous on a private registry → 401 with the Basic realm", async () => {
    const r = await api(sb, simple(6));
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toBe(REALM);
    expect(r.body).toEqual({ message: "401 Unauthorized" });
  });

  it("a signed-in caller who cannot see the project → 404, a guest who can → 403", async () => {
    const out = await api(sb, simple(6), {
      headers: { authorization: basic("x", PAT("outsider")) },
    });
    expect(out.status).toBe(404);
    const guest = await api(sb, simple(6), {
      headers: { authorization: basic("x", PAT("guest")) },
    });
    expect(guest.status).toBe(403);
    const reporter = await api(sb, simple(6), {
      headers: { authorization: basic("anything", PAT("reporter")) },
    });
    expect(reporter.status).toBe(200);
  });

  it("an OAuth access token is not a package-manager credential", async () => {
    const r = await api(sb, "/projects/2/packages/npm/@platon%2fauth-client", {
      headers: { authorization: "Bearer not-a-pat-oauth-token" },
    });
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toBe(REALM);
  });

  it("registry `public` opens project endpoints to anonymous pulls, not the group endpoint", async () => {
    // project 3 (billing, private project) has package_registry_access_level public
    const project = await api(sb, "/projects/3/packages/npm/@platon%2fbilling-sdk");
    expect(project.status).toBe(200);
    const group = await api(sb, "/groups/platon/-/packages/npm/@platon%2fbilling-sdk");
    expect(group.status).toBe(401);
    const member = await api(sb, "/groups/platon/-/packages/npm/@platon%2fbilling-sdk", {
      headers: { authorization: `Bearer ${PAT("developer")}` },
    });
    expect(member.status).toBe(200);
  });

  it("PyPI takes job tokens only through Basic gitlab-ci-token", async () => {
    const header = await api(sb, simple(6), { headers: { "job-token": "glcbt-sandbox-6" } });
    expect(header.status).toBe(401);
    const wrongUser = await api(sb, simple(6), {
      headers: { authorization: basic("someone", "glcbt-sandbox-6") },
    });
    expect(wrongUser.status).toBe(401);
    const ok = await api(sb, simple(6), {
      headers: { authorization: basic("gitlab-ci-token", "glcbt-sandbox-6") },
    });
    expect(ok.status).toBe(200);
    const other = await api(sb, simple(2), {
      headers: { authorization: basic("gitlab-ci-token", "glcbt-sandbox-6") },
    });
    expect(other.status).toBe(404);
  });

  it("NuGet wants the token owner's username in Basic and ignores PRIVATE-TOKEN", async () => {
    const path = "/projects/12/packages/nuget/download/platon.licensing/index.json";
    expect((await api(sb, path, { as: "owner" })).status).toBe(401);
    const wrong = await api(sb, path, { headers: { authorization: basic("x", PAT("owner")) } });
    expect(wrong.status).toBe(401);
    const right = await api(sb, path, { headers: { authorization: basic("owner", PAT("owner")) } });
    expect(right.status).toBe(200);
    // the service index is public
    expect((await api(sb, "/projects/12/packages/nuget/index.json")).status).toBe(200);
  });
});

describe("deploy tokens", () => {
  it("read_package_registry pulls by header and by Basic with its own username only", async () => {
    const t = await deployToken("projects", 1, ["read_package_registry"]);
    const byHeader = await api(sb, simple(1), { headers: { "deploy-token": t.token } });
    expect(byHeader.status).toBe(200);
    const byBasic = await api(sb, simple(1), {
      headers: { authorization: basic(t.username, t.token) },
    });
    expect(byBasic.status).toBe(200);
    const wrongName = await api(sb, simple(1), {
      headers: { authorization: basic("bob", t.token) },
    });
    expect(wrongName.status).toBe(401);
    const otherProject = await api(sb, simple(6), { headers: { "deploy-token": t.token } });
    expect(otherProject.status).toBe(404);
  });

  it("a read-only deploy token cannot publish (403 Forbidden); a write token can", async () => {
    const ro = await deployToken("projects", 1, ["read_package_registry"]);
    const put = (token: string) =>
      api(sb, `${GENERIC}/9.9.9/spec.json`, {
        method: "PUT",
        headers: { "deploy-token": token },
        body: "{}",
      });
    const refused = await put(ro.token);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ message: "403 Forbidden" });
    const rw = await deployToken("projects", 1, [
      "read_package_registry",
      "write_package_registry",
    ]);
    expect((await put(rw.token)).status).toBe(201);
  });

  it("a group deploy token reaches the group's projects and the group endpoint; revoked → 401", async () => {
    const t = await deployToken("groups", 101, ["read_package_registry"]);
    const g = await api(sb, "/groups/platon/-/packages/npm/@platon%2fauth-client", {
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(g.status).toBe(200);
    await api(sb, `/groups/101/deploy_tokens/${t.id}`, { method: "DELETE", as: "owner" });
    const after = await api(sb, simple(6), { headers: { "deploy-token": t.token } });
    expect(after.status).toBe(401);
  });
});

describe("who may push", () => {
  const put = (headers: Record<string, string>, id = 1) =>
    api(sb, `/projects/${id}/packages/generic/auth-probe/1.0.0/probe.txt`, {
      method: "PUT",
      headers,
      body: "probe",
    });

  it("anonymous → 401, reporter → 403, read_api token → 403 insufficient_scope, developer → 201", async () => {
    const anon = await put({});
    expect(anon.status).toBe(401);
    expect(anon.headers.get("www-authenticate")).toBe(REALM);
    expect((await put({ "private-token": PAT("reporter") })).status).toBe(403);
    const readApi = await put({ "private-token": `${PAT("developer")}-read` });
    expect(readApi.status).toBe(403);
    expect(readApi.body.error).toBe("insufficient_scope");
    expect((await put({ authorization: basic("ignored", PAT("developer")) })).status).toBe(201);
  });

  it("a CI job token publishes to its own project only", async () => {
    expect((await put({ "job-token": "glcbt-sandbox-1" })).status).toBe(201);
    expect((await put({ "job-token": "glcbt-sandbox-2" })).status).toBe(404);
    expect((await put({ "job-token": "glcbt-sandbox-999" })).status).toBe(401);
  });
});
