import { Gitlab } from "@gitbeaker/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../src/server";
import { api, call, PAT, start } from "./helpers";

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(() => sb.close());

const ids = (body: { id: number }[]) => body.map((p) => p.id);

describe("members and projects", () => {
  it("members/all returns the inherited highest level; non-member 404", async () => {
    const r = await api(sb, "/projects/1/members/all/3", { as: "owner" });
    expect(r.body).toMatchObject({ id: 3, username: "maintainer", access_level: 40 });
    const owner = await api(sb, "/groups/platon%2Fbackend/members/all/2", { as: "owner" });
    expect(owner.body.access_level).toBe(50);
    const direct = await api(sb, "/groups/platon%2Fbackend/members/2", { as: "owner" });
    expect(direct.status).toBe(404);
    const none = await api(sb, "/projects/1/members/all/9", { as: "owner" });
    expect(none.status).toBe(404);
    expect(none.body).toEqual({ message: "404 Not found" });
  });

  it("projects?membership&min_access_level=40 for maintainer = the platon/backend projects", async () => {
    const r = await api(sb, "/projects?membership=true&min_access_level=40&simple=true", {
      as: "maintainer",
    });
    expect(ids(r.body).sort((a, b) => a - b)).toEqual([1, 2, 3]);
    expect(r.body[0]).not.toHaveProperty("permissions");
  });

  it("PUT package_registry_access_level: developer 403, invalid 400, maintainer 200", async () => {
    const dev = await api(sb, "/projects/2", {
      as: "developer",
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ package_registry_access_level: "public" }),
    });
    expect(dev.status).toBe(403);
    const gl = new Gitlab({ host: sb.url, token: PAT("maintainer") });
    await expect(
      gl.Projects.edit(2, { packageRegistryAccessLevel: "everyone" } as never),
    ).rejects.toThrow("package_registry_access_level does not have a valid value");
    const ok = await gl.Projects.edit(2, { packageRegistryAccessLevel: "public" } as never);
    expect(ok.package_registry_access_level).toBe("public");
    expect((await api(sb, "/projects/2/packages")).status).toBe(200);
  });

  it("groups: top_level_only, descendant_groups, group projects include_subgroups", async () => {
    const top = await api(sb, "/groups?all_available=true&top_level_only=true", {
      as: "developer",
    });
    expect(top.body.map((g: { full_path: string }) => g.full_path).sort()).toEqual([
      "platon",
      "shared",
    ]);
    const desc = await api(sb, "/groups/platon/descendant_groups", { as: "owner" });
    expect(desc.body.map((g: { full_path: string }) => g.full_path).sort()).toEqual([
      "platon/backend",
      "platon/data",
      "platon/frontend",
    ]);
    const own = await api(sb, "/groups/platon/projects", { as: "owner" });
    expect(ids(own.body).sort((a, b) => a - b)).toEqual([8, 9]);
    const all = await api(sb, "/groups/platon/projects?include_subgroups=true&per_page=100", {
      as: "owner",
    });
    expect(all.body).toHaveLength(11);
  });

  it("group package listings follow the finder's repository rule; the project endpoint does not", async () => {
    const created = await call(sb, "/-/sandbox/packages", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ project_id: 14, count: 2, package_type: "npm" }),
    });
    expect(created.status).toBe(201);
    const ids14: number[] = created.body.ids;
    const project = await api(sb, "/projects/14", { as: "admin" });
    expect(project.body.repository_access_level).toBe("disabled");
    for (const who of ["admin", "developer"]) {
      const group = await api(sb, "/groups/103/packages?per_page=100", { as: who });
      expect(group.status).toBe(200);
      expect(ids(group.body).filter((id) => ids14.includes(id))).toEqual([]);
      const own = await api(sb, "/projects/14/packages?per_page=100", { as: who });
      expect(ids(own.body).sort()).toEqual([...ids14].sort());
    }
  });
});

describe("deploy tokens", () => {
  it("maintainer creates a project token (201, gldt-), developer 403, invalid scope 400, revoke 204", async () => {
    const body = JSON.stringify({
      name: "ci",
      scopes: ["read_package_registry"],
      expires_at: "2099-01-01",
    });
    const headers = { "content-type": "application/json" };
    const dev = await api(sb, "/projects/1/deploy_tokens", {
      as: "developer",
      method: "POST",
      headers,
      body,
    });
    expect(dev.status).toBe(403);
    const bad = await api(sb, "/projects/1/deploy_tokens", {
      as: "maintainer",
      method: "POST",
      headers,
      body: JSON.stringify({ name: "x", scopes: ["api"] }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: "scopes does not have a valid value" });
    const created = await api(sb, "/projects/1/deploy_tokens", {
      as: "maintainer",
      method: "POST",
      headers,
      body,
    });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^gldt-/);
    expect(created.body.username).toBe(`gitlab+deploy-token-${created.body.id}`);
    const listed = await api(sb, "/projects/1/deploy_tokens", { as: "maintainer" });
    expect(listed.body[0]).not.toHaveProperty("token");
    const del = await api(sb, `/projects/1/deploy_tokens/${created.body.id}`, {
      as: "maintainer",
      method: "DELETE",
    });
    expect(del.status).toBe(204);
    const active = await api(sb, "/projects/1/deploy_tokens?active=true", { as: "maintainer" });
    expect(active.body).toEqual([]);
  });

  it("group tokens need Owner to create", async () => {
    const headers = { "content-type": "application/json" };
    const body = JSON.stringify({
      name: "grp",
      scopes: ["read_package_registry", "write_package_registry"],
    });
    const m = await api(sb, "/groups/platon%2Fbackend/deploy_tokens", {
      as: "maintainer",
      method: "POST",
      headers,
      body,
    });
    expect(m.status).toBe(403);
    const o = await api(sb, "/groups/platon%2Fbackend/deploy_tokens", {
      as: "owner",
      method: "POST",
      headers,
      body,
    });
    expect(o.status).toBe(201);
  });
});
