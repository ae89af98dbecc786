import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Gitlab } from "@gitbeaker/rest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../src/server";
import { api, call, PAT, start } from "./helpers";

const JSON_HEADERS = { "content-type": "application/json" };
const post = (sb: RunningSandbox, p: string, body: unknown) =>
  call(sb, p, { method: "POST", headers: JSON_HEADERS, body: JSON.stringify(body) });

describe("faults", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await start();
  });
  afterAll(() => sb.close());
  afterEach(() => call(sb, "/-/sandbox/faults", { method: "DELETE" }));

  it("500 with rate 1 and count 2 fails twice, then succeeds; control API unaffected", async () => {
    const f = await post(sb, "/-/sandbox/faults", {
      status: 500,
      rate: 1,
      count: 2,
      path: "/api/v4/groups",
    });
    expect(f.status).toBe(201);
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await api(sb, "/groups/platon/packages", { as: "owner" })).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect((await call(sb, "/-/sandbox/state")).status).toBe(200);
  });

  it("path prefix limits the fault", async () => {
    await post(sb, "/-/sandbox/faults", { status: 503, path: "/api/v4/projects" });
    expect((await api(sb, "/groups/platon", { as: "owner" })).status).toBe(200);
    const r = await api(sb, "/projects/1", { as: "owner" });
    expect(r.status).toBe(503);
  });

  it("429 carries Retry-After and RateLimit headers; gitbeaker retries through a short burst", async () => {
    await post(sb, "/-/sandbox/faults", { status: 429, retry_after: 2, count: 1 });
    const r = await api(sb, "/user", { as: "owner" });
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("2");
    expect(r.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(r.headers.get("ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    expect(r.headers.get("ratelimit-resettime")).toMatch(/GMT$/);
    await post(sb, "/-/sandbox/faults", { status: 429, count: 2 });
    const me = await new Gitlab({ host: sb.url, token: PAT("owner") }).Users.showCurrentUser();
    expect(me.username).toBe("owner");
  });

  it("latency delays responses", async () => {
    await post(sb, "/-/sandbox/faults", { latency_ms: 250 });
    const t0 = Date.now();
    expect((await api(sb, "/user", { as: "owner" })).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
  });

  it("rejects invalid fault specs", async () => {
    const r = await post(sb, "/-/sandbox/faults", { status: 418 });
    expect(r.status).toBe(400);
  });
});

describe("control packages, state, reset", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await start();
  });
  afterAll(() => sb.close());

  it("creates packages newest-first visible, bumps downloads, reset restores the fixture", async () => {
    const before = await call(sb, "/-/sandbox/state");
    const created = await post(sb, "/-/sandbox/packages", {
      project_id: 10,
      count: 3,
      package_type: "npm",
    });
    expect(created.status).toBe(201);
    expect(created.body.ids).toHaveLength(3);
    const newest = await api(sb, "/projects/10/packages?sort=desc&per_page=3");
    expect(newest.body.map((p: { id: number }) => p.id)).toEqual([...created.body.ids].reverse());
    const dl = await call(sb, `/-/sandbox/packages/${created.body.ids[0]}/download`, {
      method: "POST",
    });
    expect(dl.status).toBe(200);
    const shown = await api(sb, `/projects/10/packages/${created.body.ids[0]}`);
    expect(shown.body.last_downloaded_at).toBe(dl.body.last_downloaded_at);
    const after = await call(sb, "/-/sandbox/state");
    expect(after.body.packages.total).toBe(before.body.packages.total + 3);
    await call(sb, "/-/sandbox/reset", { method: "POST" });
    expect((await call(sb, "/-/sandbox/state")).body.packages.total).toBe(
      before.body.packages.total,
    );
  });

  it("unknown routes → GitLab's 404 body", async () => {
    const r = await api(sb, "/nope");
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error: "404 Not Found" });
  });
});

describe("persistence with SANDBOX_DATA_DIR", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "sandbox-data-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a deletion, a settings edit and a deploy token survive a restart", async () => {
    const a = await start({ dataDir: dir });
    const list = await api(a, "/projects/1/packages", { as: "maintainer" });
    const id = list.body[0].id;
    expect(
      (await api(a, `/projects/1/packages/${id}`, { as: "maintainer", method: "DELETE" })).status,
    ).toBe(204);
    await api(a, "/projects/9", {
      as: "owner",
      method: "PUT",
      headers: JSON_HEADERS,
      body: JSON.stringify({ package_registry_access_level: "private" }),
    });
    const token = await api(a, "/projects/1/deploy_tokens", {
      as: "maintainer",
      method: "POST",
      headers: JSON_HEADERS,
      body: JSON.stringify({ name: "kept", scopes: ["read_package_registry"] }),
    });
    await a.close();

    const b = await start({ dataDir: dir });
    try {
      const again = await api(b, "/projects/1/packages", { as: "maintainer" });
      expect(again.body.map((p: { id: number }) => p.id)).not.toContain(id);
      const pending = await api(b, "/projects/1/packages?status=pending_destruction", {
        as: "maintainer",
      });
      expect(pending.body.map((p: { id: number }) => p.id)).toEqual([id]);
      expect(
        (await api(b, "/projects/9", { as: "owner" })).body.package_registry_access_level,
      ).toBe("private");
      const tokens = await api(b, "/projects/1/deploy_tokens", { as: "maintainer" });
      expect(tokens.body.map((t: { id: number }) => t.id)).toEqual([token.body.id]);
      await call(b, "/-/sandbox/reset", { method: "POST" });
    } finally {
      await b.close();
    }
    const c = await start({ dataDir: dir });
    try {
      const fresh = await api(c, "/projects/1/packages", { as: "maintainer" });
      expect(fresh.body.map((p: { id: number }) => p.id)).toContain(id);
    } finally {
      await c.close();
    }
  });
});

describe("uploads", () => {
  it("serves every user's avatar_url, and 404 for an unknown user", async () => {
    const sb = await start();
    try {
      const me = await call(sb, "/api/v4/user", { as: "developer" });
      const avatar = new URL(me.body.avatar_url);
      const res = await call(sb, avatar.pathname);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/svg+xml");
      expect(res.body).toContain("<svg");
      expect((await call(sb, "/uploads/-/system/user/avatar/999/avatar.png")).status).toBe(404);
    } finally {
      await sb.close();
    }
  });
});
