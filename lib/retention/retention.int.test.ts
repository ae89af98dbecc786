import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db";
import { POST as cronRetention } from "@/app/api/cron/retention/route";
import { POST as previewRoute } from "@/app/api/policies/[id]/preview/route";
import { GET as policyRoute, PUT as putPolicy } from "@/app/api/policies/[id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/policies/route";
import { runSync } from "@/lib/sync/sync";
import {
  addFault,
  clearFaults,
  gitlabGetAll,
  resetCatalog,
  resetSandbox,
} from "@/lib/testing/catalog-kit";
import { runRetention } from "./run";

// Retention end to end against the sandbox and a real PostgreSQL, through the route handlers
// as a script (GitLab token) or the scheduler (cron secret) calls them.

const BASE = "http://localhost:3999";
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
const token = (user: string) => ({ "PRIVATE-TOKEN": `glpat-sandbox-${user}` });
const CRON = { authorization: "Bearer integration-tests-cron-secret" };

function req(path: string, method: string, headers: Record<string, string>, body?: unknown) {
  return new NextRequest(`${BASE}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function create(user: string, body: Record<string, unknown>) {
  return createRoute(req("/api/policies", "POST", token(user), body), ctx());
}

async function createOk(user: string, body: Record<string, unknown>): Promise<number> {
  const res = await create(user, body);
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json.id;
}

type PreviewJson = { delete: Array<{ package_id: number; reason: string }>; bytes: number };

async function preview(user: string, id: number): Promise<PreviewJson> {
  const res = await previewRoute(
    req(`/api/policies/${id}/preview`, "POST", token(user)),
    ctx({ id: String(id) }),
  );
  expect(res.status).toBe(200);
  return res.json();
}

const cron = () => cronRetention(req("/api/cron/retention", "POST", CRON), ctx());

/** Every package GitLab lists (admin view), as id → "status version". */
async function gitlabListing(): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let project = 1; project <= 13; project++) {
    const r = await gitlabGetAll<{ id: number; status: string; version: string | null }>(
      "admin",
      `projects/${project}/packages`,
    );
    for (const p of r.items) out.set(p.id, `${p.status} ${p.version}`);
  }
  return out;
}

function changed(before: Map<number, string>, after: Map<number, string>): number[] {
  return [...before]
    .filter(([id, line]) => after.get(id) !== line)
    .map(([id]) => id)
    .sort((a, b) => a - b);
}

const ids = (p: PreviewJson) => p.delete.map((d) => d.package_id).sort((a, b) => a - b);

const DOC_KEYS = [
  "name",
  "scope",
  "package_types",
  "name_pattern",
  "version_pattern",
  "prerelease_only",
  "keep_latest",
  "older_than_days",
  "not_downloaded_days",
  "keep_duplicate_files",
  "protect_pattern",
  "keep_newest",
  "mode",
  "enabled",
];
const documentOf = (view: Record<string, unknown>) =>
  Object.fromEntries(DOC_KEYS.map((k) => [k, view[k]]));

async function disableAll() {
  await getSql()`update retention_policies set enabled = false`;
}

async function deletedAudit(packageIds: number[]) {
  return getSql()<{ package_id: string; n: number; actor_username: string }[]>`
    select package_id, count(*)::int as n, min(actor_username) as actor_username from audit_events
    where action = 'retention.package.deleted' and package_id = any(${packageIds})
    group by package_id`;
}

describe("retention", () => {
  beforeAll(async () => {
    await resetSandbox();
    await resetCatalog();
    await getSql()`truncate retention_policies, retention_runs, retention_run_actions, audit_events cascade`;
    const s = await runSync({ kind: "full", trigger: "test" });
    expect(s.status).toBe("succeeded");
  });
  afterEach(() => clearFaults());

  it("refuses bad input with a message per field, and no rule with a clear reason", async () => {
    const res = await create("owner", {
      name: "",
      scope: { type: "group", id: 101 },
      keep_latest: -1,
      name_pattern: "[abc",
    });
    expect(res.status).toBe(422);
    const body = await res.json();
    const paths = body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["name", "keep_latest", "name_pattern"]));
    const none = await create("owner", { name: "x", scope: { type: "group", id: 101 } });
    expect(none.status).toBe(422);
    expect((await none.json()).error.details.issues).toEqual([
      expect.objectContaining({
        path: "rules",
        message: expect.stringMatching(/at least one rule/),
      }),
    ]);
    // Not signed in: 401 before any validation.
    const anon = await createRoute(req("/api/policies", "POST", {}, { name: "" }), ctx());
    expect(anon.status).toBe(401);
    expect(Number((await getSql()`select count(*)::int as n from retention_policies`)[0].n)).toBe(
      0,
    );
  });

  it("lets only the group's Owner store a group policy; a developer reads it, cannot change it", async () => {
    const body = { name: "old builds", scope: { type: "group", id: 101 }, older_than_days: 365 };
    const forged = await create("developer", body);
    expect(forged.status).toBe(403);
    expect((await forged.json()).error.message).toMatch(/Developer of platon\. Only Owners/);
    // A Maintainer of a subgroup is not an Owner of the group either.
    expect((await create("maintainer", body)).status).toBe(403);
    expect(Number((await getSql()`select count(*)::int as n from retention_policies`)[0].n)).toBe(
      0,
    );
    const id = await createOk("owner", body);
    const read = await policyRoute(
      req(`/api/policies/${id}`, "GET", token("developer")),
      ctx({ id: String(id) }),
    );
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      name: "old builds",
      can_manage: false,
      author: "owner",
    });
    const put = await putPolicy(
      req(`/api/policies/${id}`, "PUT", token("developer"), { ...body, older_than_days: 1 }),
      ctx({ id: String(id) }),
    );
    expect(put.status).toBe(403);
    const [row] = await getSql()`select older_than_days from retention_policies where id = ${id}`;
    expect(row.older_than_days).toBe(365);
    // Everyone who may read the scope reads its policies; the outsider cannot read the
    // private platon/data group (id 104), so its policy stays invisible to them.
    const hidden = await createOk("owner", { ...body, scope: { type: "group", id: 104 } });
    const list = async (u: string) =>
      (await (await listRoute(req("/api/policies", "GET", token(u)), ctx())).json()).items.map(
        (p: { id: number }) => p.id,
      );
    expect(await list("outsider")).toEqual([id]);
    expect(await list("developer")).toEqual(expect.arrayContaining([id, hidden]));
    // A Maintainer may manage a policy on a project they maintain.
    await createOk("maintainer", {
      name: "api",
      scope: { type: "project", id: 1 },
      keep_latest: 50,
    });
    await disableAll();
  });

  it("an enforcing run deletes exactly its preview and nothing else changes in GitLab", async () => {
    const id = await createOk("owner", {
      name: "trim auth",
      scope: { type: "group", id: 102 },
      keep_latest: 3,
      older_than_days: 60,
      keep_newest: true,
      mode: "enforce",
    });
    const planned = await preview("owner", id);
    expect(planned.delete.length).toBeGreaterThan(3);
    expect(planned.bytes).toBeGreaterThan(0);
    const before = await gitlabListing();
    const res = await cron();
    expect(res.status).toBe(200);
    const summary = await res.json();
    expect(summary.runs).toEqual([
      expect.objectContaining({
        policyId: id,
        status: "succeeded",
        deleted: planned.delete.length,
        failed: 0,
      }),
    ]);
    const after = await gitlabListing();
    expect(changed(before, after)).toEqual(ids(planned));
    // The mirror followed, so the next preview has nothing left to delete.
    expect((await preview("owner", id)).delete).toEqual([]);
    const audit = await deletedAudit(ids(planned));
    expect(audit).toHaveLength(planned.delete.length);
    expect(
      audit.every((a) => a.n === 1 && a.actor_username === `retention policy ${id} (owner)`),
    ).toBe(true);
    await disableAll();
  });

  it("GitLab failing mid-run: failures recorded, no double deletion, the next run completes", async () => {
    const id = await createOk("owner", {
      name: "trim shared",
      scope: { type: "group", id: 105 },
      keep_latest: 2,
      keep_newest: true,
      mode: "enforce",
    });
    const planned = await preview("owner", id);
    expect(planned.delete.length).toBeGreaterThan(5);
    const before = await gitlabListing();
    // 500s that outlast the requester's retries for the first candidates, a 429 with
    // Retry-After, and latency throughout the packages API.
    await addFault({ status: 500, path: "/api/v4/projects/10/packages", count: 7 });
    await addFault({ status: 429, retry_after: 1, path: "/api/v4/projects/11/packages", count: 1 });
    await addFault({ latency_ms: 30, path: "/api/v4/projects" });
    const first = await runRetention({ trigger: "cron" });
    await clearFaults();
    expect(first.status).toBe("completed");
    const run1 = first.status === "completed" ? first.runs[0] : undefined;
    expect(run1?.failed).toBeGreaterThan(0);
    expect(run1?.status).toBe("partial");
    const failedRows = await getSql()<{ reason: string }[]>`
      select reason from retention_run_actions where run_id = ${run1!.id} and action = 'failed'`;
    expect(failedRows[0].reason).toMatch(/GitLab/);

    const second = await runRetention({ trigger: "cron" });
    expect(second.status === "completed" && second.runs[0].status).toBe("succeeded");
    const after = await gitlabListing();
    expect(changed(before, after)).toEqual(ids(planned));
    // Each planned package deleted exactly once over both runs, each attempt audited.
    const audit = await deletedAudit(ids(planned));
    expect(audit.map((a) => Number(a.package_id)).sort((a, b) => a - b)).toEqual(ids(planned));
    expect(audit.every((a) => a.n === 1)).toBe(true);
    const [failedAudit] = await getSql()`select count(*)::int as n from audit_events
      where action = 'retention.package.failed' and details->>'run_id' = ${String(run1!.id)}`;
    expect(failedAudit.n).toBe(run1!.failed);
    await disableAll();
  });

  it("stops at the per-run budget and continues on the next run", async () => {
    const id = await createOk("owner", {
      name: "budget",
      scope: { type: "project", id: 6 },
      keep_latest: 1,
      keep_newest: true,
      mode: "enforce",
    });
    const planned = await preview("owner", id);
    expect(planned.delete.length).toBeGreaterThan(3);
    const first = await runRetention({ trigger: "cron", budget: 2 });
    expect(first.status === "completed" && first.runs[0]).toMatchObject({
      deleted: 2,
      remaining: planned.delete.length - 2,
      status: "partial",
    });
    const second = await runRetention({ trigger: "cron", budget: 100 });
    expect(second.status === "completed" && second.runs[0]).toMatchObject({
      deleted: planned.delete.length - 2,
      remaining: 0,
    });
    expect(await deletedAudit(ids(planned))).toHaveLength(planned.delete.length);
    await disableAll();
  });

  it("suspends a policy whose author lost the role, until someone who may re-saves it", async () => {
    const id = await createOk("owner", {
      name: "dry",
      scope: { type: "group", id: 103 },
      older_than_days: 30,
    });
    // As if the author had been demoted: the stored author is now a Developer of platon.
    await getSql()`update retention_policies set author_id = 4, author_username = 'developer' where id = ${id}`;
    const res = await runRetention({ trigger: "cron" });
    expect(res.status === "completed" && res.runs[0]).toMatchObject({
      status: "suspended",
      deleted: 0,
    });
    const view = await (
      await policyRoute(req(`/api/policies/${id}`, "GET", token("owner")), ctx({ id: String(id) }))
    ).json();
    expect(view.suspended_reason).toMatch(/developer is now Developer of platon\/frontend/);
    // Suspended policies are not run again.
    const again = await runRetention({ trigger: "cron" });
    expect(again.status === "completed" && again.runs).toEqual([]);
    // The Owner re-saves it: back, authored by the owner, and a dry run records what it would do.
    const put = await putPolicy(
      req(`/api/policies/${id}`, "PUT", token("owner"), documentOf(view)),
      ctx({ id: String(id) }),
    );
    expect(put.status, JSON.stringify(await put.clone().json())).toBe(200);
    const dry = await runRetention({ trigger: "cron" });
    const planned = await preview("owner", id);
    expect(dry.status === "completed" && dry.runs[0]).toMatchObject({
      status: "succeeded",
      wouldDelete: planned.delete.length,
      deleted: 0,
    });
    await disableAll();
  });

  it("two concurrent cron calls: one runs, the other answers 409", async () => {
    await createOk("owner", {
      name: "slow",
      scope: { type: "group", id: 101 },
      older_than_days: 9000,
    });
    // Slow GitLab so the first run still holds the lock when the second call arrives.
    await addFault({ latency_ms: 1500, path: "/api/v4/groups" });
    const [a, b] = await Promise.all([cron(), cron()]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const refused = a.status === 409 ? a : b;
    expect((await refused.json()).error.message).toMatch(/already running/);
  });
});
