import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db";
import { GET as policyRoute, PUT as putPolicy } from "@/app/api/policies/[id]/route";
import { POST as createRoute, GET as listRoute } from "@/app/api/policies/route";
import { clearFaults } from "@/lib/testing/catalog-kit";
import {
  create,
  createOk,
  ctx,
  disableAll,
  documentOf,
  preview,
  req,
  resetRetentionFixture,
  token,
} from "@/lib/testing/retention-kit";
import { runRetention } from "./run";

// Retention policies end to end against the sandbox and a real PostgreSQL: input checks, who
// may store a group policy, suspension when the author loses the role.

describe("retention", () => {
  beforeAll(async () => {
    const s = await resetRetentionFixture();
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
});
