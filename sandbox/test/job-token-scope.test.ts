import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../src/server";
import { api, start } from "./helpers";

// lib/api/ci/job_token_scope.rb: Maintainer+ on every route, 204 on PATCH/DELETE, 201 on add.

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(() => sb.close());

const json = (as: string, method: string, body?: unknown) => ({
  as,
  method,
  headers: { "content-type": "application/json" },
  body: body === undefined ? undefined : JSON.stringify(body),
});

describe("job token scope", () => {
  it("reads inbound limited by default; developer 403, outsider 404, anonymous 404", async () => {
    const r = await api(sb, "/projects/1/job_token_scope", { as: "maintainer" });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ inbound_enabled: true, outbound_enabled: false });
    expect((await api(sb, "/projects/1/job_token_scope", { as: "developer" })).status).toBe(403);
    expect((await api(sb, "/projects/1/job_token_scope", { as: "outsider" })).status).toBe(404);
    expect((await api(sb, "/projects/1/job_token_scope")).status).toBe(404);
  });

  it("PATCH enabled: 204 for a maintainer and read back; developer 403 unchanged; missing 400", async () => {
    const dev = await api(
      sb,
      "/projects/2/job_token_scope",
      json("developer", "PATCH", { enabled: false }),
    );
    expect(dev.status).toBe(403);
    const missing = await api(sb, "/projects/2/job_token_scope", json("maintainer", "PATCH", {}));
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: "enabled is missing" });
    const ok = await api(
      sb,
      "/projects/2/job_token_scope",
      json("maintainer", "PATCH", { enabled: false }),
    );
    expect(ok.status).toBe(204);
    const back = await api(sb, "/projects/2/job_token_scope", { as: "maintainer" });
    expect(back.body.inbound_enabled).toBe(false);
  });

  it("allowlist: itself first; add 201, duplicate 400, unknown 404, developer 403; remove 204", async () => {
    const first = await api(sb, "/projects/1/job_token_scope/allowlist", { as: "maintainer" });
    expect(first.body.map((p: { id: number }) => p.id)).toEqual([1]);
    const dev = await api(
      sb,
      "/projects/1/job_token_scope/allowlist",
      json("developer", "POST", { target_project_id: 2 }),
    );
    expect(dev.status).toBe(403);
    const add = await api(
      sb,
      "/projects/1/job_token_scope/allowlist",
      json("maintainer", "POST", { target_project_id: 2 }),
    );
    expect(add.status).toBe(201);
    expect(add.body).toEqual({ source_project_id: 1, target_project_id: 2 });
    const again = await api(
      sb,
      "/projects/1/job_token_scope/allowlist",
      json("maintainer", "POST", { target_project_id: 2 }),
    );
    expect(again.status).toBe(400);
    expect(again.body.message).toMatch(/already in the job token scope/);
    const unknown = await api(
      sb,
      "/projects/1/job_token_scope/allowlist",
      json("maintainer", "POST", { target_project_id: 999 }),
    );
    expect(unknown.status).toBe(404);
    const list = await api(sb, "/projects/1/job_token_scope/allowlist", { as: "maintainer" });
    expect(list.body.map((p: { id: number }) => p.id)).toEqual([1, 2]);
    const devDel = await api(sb, "/projects/1/job_token_scope/allowlist/2", {
      as: "developer",
      method: "DELETE",
    });
    expect(devDel.status).toBe(403);
    const del = await api(sb, "/projects/1/job_token_scope/allowlist/2", {
      as: "maintainer",
      method: "DELETE",
    });
    expect(del.status).toBe(204);
    const gone = await api(sb, "/projects/1/job_token_scope/allowlist/2", {
      as: "maintainer",
      method: "DELETE",
    });
    expect(gone.status).toBe(400);
    expect(gone.body.message).toMatch(/not in the job token scope/);
  });

  it("a target the maintainer cannot see is refused (400), not added", async () => {
    // maintainer is only in platon/backend; platon/data/pipelines (6) is private to them
    const r = await api(
      sb,
      "/projects/1/job_token_scope/allowlist",
      json("maintainer", "POST", { target_project_id: 6 }),
    );
    expect(r.status).toBe(400);
    const list = await api(sb, "/projects/1/job_token_scope/allowlist", { as: "maintainer" });
    expect(list.body.map((p: { id: number }) => p.id)).not.toContain(6);
  });

  it("groups allowlist: add, list {id, web_url, name}, remove", async () => {
    const add = await api(
      sb,
      "/projects/3/job_token_scope/groups_allowlist",
      json("maintainer", "POST", { target_group_id: 102 }),
    );
    expect(add.status).toBe(201);
    expect(add.body).toEqual({ source_project_id: 3, target_group_id: 102 });
    const list = await api(sb, "/projects/3/job_token_scope/groups_allowlist", {
      as: "maintainer",
    });
    expect(list.body).toEqual([
      { id: 102, web_url: expect.stringContaining("/groups/platon/backend"), name: "Backend" },
    ]);
    const del = await api(sb, "/projects/3/job_token_scope/groups_allowlist/102", {
      as: "maintainer",
      method: "DELETE",
    });
    expect(del.status).toBe(204);
    const after = await api(sb, "/projects/3/job_token_scope/groups_allowlist", {
      as: "maintainer",
    });
    expect(after.body).toEqual([]);
  });
});
