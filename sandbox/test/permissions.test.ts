import { Gitlab } from "@gitbeaker/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../src/server";
import { api, PAT, start } from "./helpers";

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(() => sb.close());

const ids = (body: { id: number }[]) => body.map((p) => p.id);

describe("authentication", () => {
  it("unknown PAT → 401 message; unknown bearer → Bad Access Token", async () => {
    const pat = await api(sb, "/user", { headers: { "PRIVATE-TOKEN": "glpat-nope" } });
    expect(pat.status).toBe(401);
    expect(pat.body).toEqual({ message: "401 Unauthorized" });
    const bearer = await api(sb, "/user", { token: "not-a-token" });
    expect(bearer.status).toBe(401);
    expect(bearer.body).toEqual({ error: "invalid_token", error_description: "Bad Access Token." });
  });

  it("GET /user returns the token's user; anonymous → 401; private_token query works", async () => {
    const me = await api(sb, "/user", { as: "maintainer" });
    expect(me.body).toMatchObject({ id: 3, username: "maintainer" });
    expect(me.body).not.toHaveProperty("is_admin");
    const admin = await api(sb, "/user?private_token=glpat-sandbox-admin");
    expect(admin.body).toMatchObject({ id: 1, is_admin: true });
    expect((await api(sb, "/user")).status).toBe(401);
  });

  it("a PAT also works as Bearer", async () => {
    const r = await api(sb, "/user", { token: PAT("external") });
    expect(r.body).toMatchObject({ id: 8, external: true });
  });

  it("read_api token: reads ok, DELETE → 403 insufficient_scope", async () => {
    const read = await api(sb, "/projects/1/packages", { as: "owner-read" });
    expect(read.status).toBe(200);
    const del = await api(sb, `/projects/1/packages/${read.body[0].id}`, {
      as: "owner-read",
      method: "DELETE",
    });
    expect(del.status).toBe(403);
    expect(del.body).toEqual({
      error: "insufficient_scope",
      error_description:
        "The request requires higher privileges than provided by the access token.",
      scope: "api",
    });
  });
});

describe(":id resolution", () => {
  it("accepts numeric ids and URL-encoded paths; a literal slash does not match", async () => {
    const byId = await api(sb, "/groups/102", { as: "owner" });
    const byPath = await api(sb, "/groups/platon%2Fbackend", { as: "owner" });
    expect(byPath.status).toBe(200);
    expect(byPath.body.id).toBe(byId.body.id);
    const literal = await api(sb, "/groups/platon/backend", { as: "owner" });
    expect(literal.status).toBe(404);
    expect(literal.body).toEqual({ error: "404 Not Found" });
  });
});

describe("visibility: 404 vs 403", () => {
  it("private project is 404 for outsiders and anonymous, 200 for members", async () => {
    for (const as of ["outsider", undefined]) {
      const r = await api(sb, "/projects/platon%2Fbackend%2Fapi", { as });
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ message: "404 Project Not Found" });
    }
    const m = await api(sb, "/projects/1", { as: "maintainer" });
    expect(m.body.permissions).toEqual({
      project_access: null,
      group_access: { access_level: 40, notification_level: 3 },
    });
    expect(m.body.package_registry_access_level).toBe("enabled");
  });

  it("guest: 403 on packages of a private project, allowed on an internal one", async () => {
    const priv = await api(sb, "/projects/9/packages", { as: "guest" });
    expect(priv.status).toBe(403);
    expect(priv.body).toEqual({ message: "403 Forbidden" });
    const internal = await api(sb, "/projects/8/packages", { as: "guest" });
    expect(internal.status).toBe(200);
    expect(internal.body.length).toBeGreaterThan(0);
  });

  it("external user: only the project they are Reporter on, not internal projects", async () => {
    expect((await api(sb, "/projects/1/packages", { as: "external" })).status).toBe(200);
    const internal = await api(sb, "/projects/8/packages", { as: "external" });
    expect(internal.status).toBe(404);
    const group = await api(sb, "/groups/platon/packages?per_page=100", { as: "external" });
    expect(group.status).toBe(200);
    expect(new Set(group.body.map((p: { project_id: number }) => p.project_id))).toEqual(
      new Set([1]),
    );
  });

  it("registry public inside a private group: anonymous may list packages, not see the project", async () => {
    const r = await api(sb, "/projects/platon%2Fbackend%2Fbilling/packages");
    expect(r.status).toBe(200);
    expect(r.body.length).toBeGreaterThan(0);
    expect((await api(sb, "/projects/3")).status).toBe(404);
    expect((await api(sb, "/groups/platon/packages")).status).toBe(404);
    expect((await api(sb, "/groups/platon/packages")).body).toEqual({
      message: "404 Group Not Found",
    });
  });

  it("registry disabled: the project endpoint refuses even the owner; the group listing still shows them", async () => {
    const r = await api(sb, "/projects/7/packages", { as: "owner" });
    expect(r.status).toBe(403);
    // Packages::GroupPackagesFinder (16.11–18.6) asks visibility and the repository feature,
    // never the registry level: project 7's packages stay in its group's listing.
    const all = await new Gitlab({ host: sb.url, token: PAT("admin") }).Packages.all({
      groupId: 101,
      perPage: 100,
    });
    expect(all.some((p) => p.project_id === 7)).toBe(true);
    const dev = await api(sb, "/groups/platon/packages?per_page=100", { as: "developer" });
    expect(dev.body.some((p: { project_id: number }) => p.project_id === 7)).toBe(true);
    const outsider = await api(sb, "/groups/platon/packages?per_page=100", { as: "outsider" });
    expect(outsider.body.some((p: { project_id: number }) => p.project_id === 7)).toBe(false);
  });

  it("a members-only registry on an internal project: group listing for any regular user, project endpoint for Reporter+", async () => {
    // Project 13 (internal, registry private), no fixture packages: publish one.
    const made = await fetch(`${sb.url}/-/sandbox/packages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ project_id: 13, count: 1, package_type: "generic" }),
    });
    expect(made.status).toBe(201);
    const listed = await api(sb, "/groups/103/packages?per_page=100", { as: "outsider" });
    expect(listed.body.some((p: { project_id: number }) => p.project_id === 13)).toBe(true);
    expect((await api(sb, "/projects/13/packages", { as: "outsider" })).status).toBe(403);
    // External users see internal projects only as members.
    expect((await api(sb, "/groups/103/packages?per_page=100", { as: "external" })).status).toBe(
      404,
    );
    // Repository private (members only): the repository rule wants a Guest authorization.
    const project = sb.runtime.store.projectsById.get(13)!;
    project.repository = "private";
    sb.runtime.changed();
    try {
      const has13 = async (as: string) =>
        (await api(sb, "/groups/103/packages?per_page=100", { as })).body.some(
          (p: { project_id: number }) => p.project_id === 13,
        );
      expect(await has13("guest")).toBe(true);
      expect(await has13("outsider")).toBe(false);
      expect(await has13("admin")).toBe(true);
    } finally {
      delete project.repository;
      sb.runtime.changed();
    }
  });

  it("repository disabled: left out of the group listing for everyone, admins included", async () => {
    const made = await fetch(`${sb.url}/-/sandbox/packages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ project_id: 14, count: 1, package_type: "generic" }),
    });
    expect(made.status).toBe(201);
    // Project 14's repository is disabled: left out for everyone, admins included.
    for (const as of ["admin", "owner", "guest"]) {
      const r = await api(sb, "/groups/103/packages?per_page=100", { as });
      expect(r.body.some((p: { project_id: number }) => p.project_id === 14)).toBe(false);
    }
    expect((await api(sb, "/projects/14/packages", { as: "guest" })).status).toBe(200);
  });

  it("anonymous reads public group packages of public projects only", async () => {
    const r = await api(sb, "/groups/shared/packages?per_page=100");
    expect(r.status).toBe(200);
    expect(new Set(r.body.map((p: { project_id: number }) => p.project_id))).toEqual(new Set([10]));
  });
});

describe("delete per role", () => {
  it("developer → 403 and the package stays listed; no delete_api_path", async () => {
    const list = await api(sb, "/projects/2/packages", { as: "developer" });
    expect(list.body[0]._links).not.toHaveProperty("delete_api_path");
    const id = list.body[0].id;
    const del = await api(sb, `/projects/2/packages/${id}`, {
      as: "developer",
      method: "DELETE",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(del.status).toBe(403);
    expect(del.body).toEqual({ message: "403 Forbidden" });
    expect(ids((await api(sb, "/projects/2/packages", { as: "developer" })).body)).toContain(id);
  });

  it("maintainer of platon/backend → 204, gone from default listing, visible as pending_destruction", async () => {
    const list = await api(sb, "/projects/2/packages", { as: "maintainer" });
    const target = list.body[1];
    expect(target._links.delete_api_path).toBe(`${sb.url}/api/v4/projects/2/packages/${target.id}`);
    const gl = new Gitlab({ host: sb.url, token: PAT("maintainer") });
    await gl.Packages.remove(2, target.id);
    expect(
      ids((await api(sb, "/projects/2/packages?per_page=100", { as: "maintainer" })).body),
    ).not.toContain(target.id);
    expect(
      ids(
        (await api(sb, "/groups/platon/packages?per_page=100&package_name=auth", { as: "owner" }))
          .body,
      ),
    ).not.toContain(target.id);
    const pending = await api(sb, "/projects/2/packages?status=pending_destruction", {
      as: "maintainer",
    });
    expect(ids(pending.body)).toEqual([target.id]);
    expect(pending.body[0].status).toBe("pending_destruction");
    expect(pending.body[0]._links).not.toHaveProperty("web_path");
  });

  it("maintainer of platon/backend cannot delete in platon/frontend (403), outsider gets 404", async () => {
    const list = await api(sb, "/projects/4/packages", { as: "maintainer" });
    const del = await api(sb, `/projects/4/packages/${list.body[0].id}`, {
      as: "maintainer",
      method: "DELETE",
    });
    expect(del.status).toBe(403);
    const hidden = await api(sb, `/projects/1/packages/1`, { as: "outsider", method: "DELETE" });
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual({ message: "404 Project Not Found" });
  });

  it("deleting a file hides it from the file listing", async () => {
    const list = await api(sb, "/projects/1/packages?package_type=generic", { as: "maintainer" });
    const id = list.body[0].id;
    const files = await api(sb, `/projects/1/packages/${id}/package_files`, { as: "maintainer" });
    expect(files.body).toHaveLength(3);
    const del = await api(sb, `/projects/1/packages/${id}/package_files/${files.body[0].id}`, {
      as: "maintainer",
      method: "DELETE",
    });
    expect(del.status).toBe(204);
    const after = await api(sb, `/projects/1/packages/${id}/package_files`, { as: "maintainer" });
    expect(ids(after.body)).toEqual(ids(files.body).slice(1));
    const again = await api(sb, `/projects/1/packages/${id}/package_files/${files.body[0].id}`, {
      as: "maintainer",
      method: "DELETE",
    });
    expect(again.status).toBe(404);
  });
});
