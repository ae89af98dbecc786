import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getSql } from "@/db";
import {
  addFault,
  catalogSnapshot,
  clearFaults,
  gitlabGetAll,
  publishPackages,
  resetCatalog,
  resetSandbox,
  sandboxUrl,
} from "@/lib/testing/catalog-kit";
import { serviceRest } from "@/lib/gitlab/service-rest";
import { LOCKS } from "@/lib/jobs/advisory-lock";
import { endLockHolder } from "@/lib/testing/db-lock";
import { backfillFiles } from "./files";
import { runSync } from "./sync";

const FAST_RETRY = { attempts: 8, baseDelayMs: 20, maxDelayMs: 300 };

async function cleanCatalog(): Promise<string[]> {
  await resetCatalog();
  const s = await runSync({ kind: "full", trigger: "test", newFilesLimit: 0 });
  expect(s, JSON.stringify(s)).toMatchObject({ status: "succeeded" });
  return catalogSnapshot();
}

/** Deletes one mirrored version in GitLab behind the mirror's back (a full sync removes it). */
async function deleteOneInGitlab(): Promise<{ id: string; project_id: string }> {
  const [victim] = await getSql()<{ id: string; project_id: string }[]>`
    select id, project_id from packages where project_id = 4 order by id limit 1`;
  const res = await fetch(
    `${sandboxUrl()}/api/v4/projects/${victim.project_id}/packages/${victim.id}`,
    { method: "DELETE", headers: { "PRIVATE-TOKEN": "glpat-sandbox-admin" } },
  );
  expect(res.status).toBe(204);
  return victim;
}

describe("catalog sync", () => {
  beforeEach(async () => {
    await resetSandbox();
    await resetCatalog();
  });
  afterEach(() => clearFaults());

  it("mirrors every package the service account can list, ranked", async () => {
    const s = await runSync({ kind: "full", trigger: "test", newFilesLimit: 0 });
    expect(s.status).toBe("succeeded");
    // The admin's group listings, walked directly, are the reference — less what they show of
    // registry-disabled projects (GitLab's group listing does not ask the registry level; the
    // registry itself refuses those packages).
    const groups = await gitlabGetAll<{ id: number }>("admin", "groups?all_available=true");
    const expected = new Set<number>();
    const registryOff = new Map<number, boolean>();
    let leftOut = 0;
    for (const g of groups.items) {
      const r = await gitlabGetAll<{ id: number; project_id: number }>(
        "admin",
        `groups/${g.id}/packages?exclude_subgroups=true`,
      );
      for (const p of r.items) {
        if (!registryOff.has(p.project_id)) {
          const res = await fetch(`${sandboxUrl()}/api/v4/projects/${p.project_id}`, {
            headers: { "PRIVATE-TOKEN": "glpat-sandbox-admin" },
          });
          registryOff.set(p.project_id, (await res.json()).packages_enabled === false);
        }
        if (registryOff.get(p.project_id)) leftOut++;
        else expected.add(p.id);
      }
    }
    expect(leftOut).toBe(6); // project 7 (platon/data/ml-models)
    const rows = await getSql()<
      { id: string; version_rank: number }[]
    >`select id, version_rank from packages`;
    expect(new Set(rows.map((r) => Number(r.id)))).toEqual(expected);
    expect(rows.every((r) => r.version_rank > 0)).toBe(true);
    const [run] = await getSql()`select status, groups_done, groups_total, pages from sync_runs`;
    expect(run.status).toBe("succeeded");
    expect(run.groups_done).toBe(run.groups_total);
  });

  it("converges to the clean catalog under latency, 500s and 429s", async () => {
    const clean = await cleanCatalog();
    await resetCatalog();
    await addFault({ latency_ms: 30, rate: 0.5 });
    await addFault({ status: 500, rate: 0.15, path: "/api/v4/groups" });
    await addFault({ status: 429, rate: 0.15, retry_after: 0, path: "/api/v4/groups" });
    const s = await runSync({
      kind: "full",
      trigger: "test",
      newFilesLimit: 0,
      rest: serviceRest({ retry: FAST_RETRY }),
      concurrency: 4,
    });
    // With retries, every group completes despite the faults.
    // (the only message left is the notice that the 429s were waited out)
    if (s.status === "already_running") throw new Error("overlap");
    expect(s.errorMessages.filter((m) => !/rate limit held this run/.test(m))).toEqual([]);
    expect(s).toMatchObject({ status: "succeeded", errors: 0 });
    expect(await catalogSnapshot()).toEqual(clean);
  });

  it("incremental picks up exactly the new versions and fetches their files", async () => {
    await cleanCatalog();
    const before = new Set(
      (await getSql()<{ id: string }[]>`select id from packages`).map((r) => Number(r.id)),
    );
    const { ids } = await publishPackages({ project_id: 4, count: 7, package_type: "npm" });
    const s = await runSync({ kind: "incremental", trigger: "test" });
    expect(s.status).toBe("succeeded");
    const after = await getSql()<
      { id: string; size_bytes: string | null }[]
    >`select id, size_bytes from packages`;
    const added = after.filter((r) => !before.has(Number(r.id)));
    expect(added.map((r) => Number(r.id)).sort()).toEqual([...ids].sort());
    expect(added.every((r) => r.size_bytes !== null)).toBe(true);
  });

  it("full reconcile removes a package deleted in GitLab", async () => {
    await cleanCatalog();
    const victim = await deleteOneInGitlab();
    await runSync({ kind: "incremental", trigger: "test" });
    expect((await getSql()`select 1 from packages where id = ${victim.id}`).length).toBe(1);
    const s = await runSync({ kind: "full", trigger: "test" });
    expect(s.status === "already_running" ? 0 : s.packagesRemoved).toBe(1);
    expect((await getSql()`select 1 from packages where id = ${victim.id}`).length).toBe(0);
  });

  it("a full sync whose lock's database connection closes removes nothing from the mirror", async () => {
    await cleanCatalog();
    const victim = await deleteOneInGitlab();
    // Slow walks: the lock's session ends (a restart, a failover) while groups are walked, and
    // another replica could start a sync; this one must not remove anything from the mirror.
    await addFault({ latency_ms: 500, path: "/api/v4/groups" });
    const running = runSync({ kind: "full", trigger: "test", lockHeartbeatMs: 50 });
    await new Promise((r) => setTimeout(r, 300));
    expect(await endLockHolder(LOCKS.sync)).toBe(true);
    const s = await running;
    await clearFaults();
    expect(s).toMatchObject({ status: "failed", packagesRemoved: 0 });
    // The heartbeat found the loss during the walk: the groups not yet started were left.
    if (s.status === "already_running") throw new Error("expected a run");
    expect(s.groupsDone).toBeLessThan(s.groupsTotal);
    const [run] = await getSql()<{ messages: string[] }[]>`
      select error_messages as messages from sync_runs where id = ${s.runId}`;
    expect(run.messages).toContainEqual(
      expect.stringMatching(/database connection closed\. Stopped before removing anything/),
    );
    expect((await getSql()`select 1 from packages where id = ${victim.id}`).length).toBe(1);
    const again = await runSync({ kind: "full", trigger: "test" });
    expect(again.status === "already_running" ? 0 : again.packagesRemoved).toBe(1);
  });

  it("a failing group is not reconciled, and overlapping runs do not double the work", async () => {
    await cleanCatalog();
    await addFault({ status: 500, path: "/api/v4/groups/105/packages" });
    const [partial, overlap] = await Promise.all([
      runSync({ kind: "full", trigger: "test", rest: serviceRest({ retry: FAST_RETRY }) }),
      new Promise((r) => setTimeout(r, 50)).then(() => runSync({ kind: "full", trigger: "test" })),
    ]);
    expect(overlap.status).toBe("already_running");
    expect(partial.status).toBe("partial");
    const shared =
      await getSql()`select 1 from packages p join projects j on j.id = p.project_id where j.group_id = 105`;
    expect(shared.length).toBeGreaterThan(0);
  });

  it("backfills files at a bounded rate and never refetches", async () => {
    await cleanCatalog();
    const r = await backfillFiles({ limit: 20, concurrency: 4 });
    expect(r.fetched).toBe(20);
    const [{ n }] = await getSql()<
      { n: number }[]
    >`select count(*)::int as n from packages where files_synced_at is not null`;
    expect(n).toBe(20);
    const [{ bad }] = await getSql()<{ bad: number }[]>`
      select count(*)::int as bad from packages p where files_synced_at is not null
      and size_bytes <> (select coalesce(sum(size), 0) from package_files f where f.package_id = p.id)`;
    expect(bad).toBe(0);
  });

  it("a backfill whose lock's database connection closes leaves the rest of its batch", async () => {
    await cleanCatalog();
    // Slow file listings: the lock's session ends while the batch is under way.
    await addFault({ latency_ms: 200, path: "/api/v4/projects" });
    const running = backfillFiles({ limit: 20, concurrency: 1, lockHeartbeatMs: 50 });
    await new Promise((r) => setTimeout(r, 500));
    expect(await endLockHolder(LOCKS.files)).toBe(true);
    const r = await running;
    await clearFaults();
    expect(r.fetched).toBeGreaterThan(0);
    expect(r.fetched).toBeLessThan(20);
    expect(r.errors).toContainEqual(
      expect.stringMatching(/database connection closed\. Stopped the backfill's batch/),
    );
    const [{ n }] = await getSql()<
      { n: number }[]
    >`select count(*)::int as n from packages where files_synced_at is not null`;
    expect(n).toBe(r.fetched);
  });
});
