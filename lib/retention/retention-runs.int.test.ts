import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db";
import { addFault, clearFaults } from "@/lib/testing/catalog-kit";
import {
  changed,
  createOk,
  cron,
  deletedAudit,
  disableAll,
  gitlabListing,
  ids,
  preview,
  previewResponse,
  resetRetentionFixture,
} from "@/lib/testing/retention-kit";
import { LOCKS } from "@/lib/jobs/advisory-lock";
import { endLockHolder } from "@/lib/testing/db-lock";
import { runRetention } from "./run";

// Retention runs end to end against the sandbox and a real PostgreSQL, through the cron route
// handler as the scheduler calls it: exactly the preview deleted, GitLab failing mid-run, the
// per-run budget, concurrent calls.

/**
 * An enforcing policy of the owner's, its preview (deleting more than `atLeast` versions) and
 * GitLab's listing before any run: the arrangement of the runs that delete.
 */
async function enforcing(policy: Record<string, unknown>, atLeast: number) {
  const id = await createOk("owner", { ...policy, mode: "enforce" });
  const planned = await preview("owner", id);
  expect(planned.delete.length).toBeGreaterThan(atLeast);
  return { id, planned, before: await gitlabListing() };
}

describe("retention", () => {
  beforeAll(async () => {
    const s = await resetRetentionFixture();
    expect(s.status).toBe("succeeded");
  });
  afterEach(() => clearFaults());

  it("an enforcing run deletes exactly its preview and nothing else changes in GitLab", async () => {
    const { id, planned, before } = await enforcing(
      {
        name: "trim auth",
        scope: { type: "group", id: 102 },
        keep_latest: 3,
        older_than_days: 60,
        keep_newest: true,
      },
      3,
    );
    expect(planned.bytes).toBeGreaterThan(0);
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
    const { planned, before } = await enforcing(
      { name: "trim shared", scope: { type: "group", id: 105 }, keep_latest: 2, keep_newest: true },
      5,
    );
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

  it("a policy stored with a glob the limits now refuse is neither previewed nor run", async () => {
    // Stored before the glob limits (lib/validations/retention.ts), as the API once took it: an
    // extglob ("exactly one of"), matching the group's @platon packages. Without the guard the
    // run would delete all but the highest version of each.
    const id = await createOk("owner", {
      name: "old extglob",
      scope: { type: "group", id: 101 },
      keep_latest: 1,
      mode: "enforce",
    });
    await getSql()`update retention_policies set name_pattern = '@(@platon/*)' where id = ${id}`;
    const reason =
      "name_pattern cannot use ( ) or |: package names never hold them (for alternatives, use " +
      "{a,b}). Edit the policy to plan or run it again.";
    const res = await previewResponse("owner", id);
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toBe(reason);
    const before = await gitlabListing();
    const summary = await (await cron()).json();
    expect(summary.runs).toEqual([
      expect.objectContaining({ policyId: id, status: "failed", deleted: 0, message: reason }),
    ]);
    expect(changed(before, await gitlabListing())).toEqual([]);
    await disableAll();
  });

  it("a run whose lock's database connection closes stops before its next deletion", async () => {
    const { id, planned, before } = await enforcing(
      { name: "lock lost", scope: { type: "group", id: 101 }, keep_latest: 1, keep_newest: true },
      4,
    );
    // Deletions slow enough for the lock's session to end between two of them.
    await addFault({ latency_ms: 300, path: "/api/v4/projects" });
    const running = runRetention({ trigger: "cron" });
    const sql = getSql();
    const deletedSoFar = async () => {
      const [r] = await sql<{ n: number }[]>`
        select count(*)::int as n from retention_run_actions a
        join retention_runs r on r.id = a.run_id
        where r.policy_id = ${id} and a.action = 'deleted'`;
      return r.n;
    };
    for (const until = Date.now() + 30_000; (await deletedSoFar()) < 1 && Date.now() < until;)
      await new Promise((r) => setTimeout(r, 25));
    // What a PostgreSQL restart or failover does to the lock: another replica could now start.
    expect(await endLockHolder(LOCKS.retention)).toBe(true);
    const summary = await running;
    await clearFaults();
    const run = summary.status === "completed" ? summary.runs[0] : undefined;
    expect(run).toMatchObject({
      policyId: id,
      status: "failed",
      message: expect.stringMatching(/lock to the database closed.*Nothing more was deleted/),
    });
    expect(run!.deleted).toBeGreaterThanOrEqual(1);
    expect(run!.deleted).toBeLessThan(planned.delete.length);
    // The audit log says why the run stopped.
    const [stoppedEvent] = await sql<{ message: string; result: string }[]>`
      select message, result from audit_events
      where action = 'retention.run' and details->>'run_id' = ${String(run!.id)}`;
    expect(stoppedEvent).toEqual({
      result: "failed",
      message: expect.stringMatching(
        new RegExp(`^Run on .+ stopped after ${run!.deleted} deleted: the connection holding`),
      ),
    });
    // GitLab lost exactly what the run recorded, and the next run finishes the plan.
    const recorded = await sql<{ id: number }[]>`
      select package_id::int as id from retention_run_actions
      where run_id = ${run!.id} and action = 'deleted' order by 1`;
    expect(changed(before, await gitlabListing())).toEqual(recorded.map((r) => r.id));
    const next = await runRetention({ trigger: "cron" });
    expect(next.status === "completed" && next.runs[0]).toMatchObject({
      status: "succeeded",
      deleted: planned.delete.length - run!.deleted,
    });
    expect(changed(before, await gitlabListing())).toEqual(ids(planned));
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
