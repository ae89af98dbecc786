import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { POST as cronSync } from "@/app/api/cron/sync/route";
import { env } from "@/lib/env";
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
import { startSandbox } from "@/scripts/lib/processes";
import { runSync } from "./sync";
import { LIMITED_ACCESS_MESSAGE } from "./service-access";
import { syncStatus } from "./sync-status";

// Issue 12 items 3–6 against the real sandbox and PostgreSQL: a full run removes only what
// GitLab confirms gone, never more than the cap unless allowed once, reads through GitLab's
// rate limiter, and finds packages the group listing leaves out.

const ids = async () =>
  (await getSql()<{ id: string }[]>`select id from packages order by id`).map((r) => Number(r.id));

async function cleanCatalog(): Promise<number[]> {
  const s = await runSync({ kind: "full", trigger: "test", newFilesLimit: 0 });
  expect(s, JSON.stringify(s)).toMatchObject({ status: "succeeded", packagesRemoved: 0 });
  return ids();
}

async function deletePackage(base: string, token: string, projectId: number, id: number) {
  const res = await fetch(`${base}/api/v4/projects/${projectId}/packages/${id}`, {
    method: "DELETE",
    headers: { "PRIVATE-TOKEN": token },
  });
  expect(res.status).toBe(204);
}

/** POST /api/cron/sync with the cron secret, as a scheduler (or an operator) calls it. */
async function cron(query: string) {
  const res = await cronSync(
    new NextRequest(`http://localhost/api/cron/sync?${query}`, {
      method: "POST",
      headers: { authorization: `Bearer ${env().cronSecret}` },
    }),
    { params: Promise.resolve({}) },
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const packagesOf = async (projectId: number) =>
  (await getSql()<{ id: string }[]>`select id from packages where project_id = ${projectId}`).map(
    (r) => Number(r.id),
  );

describe("full reconcile safety", () => {
  beforeEach(async () => {
    await resetSandbox();
    await resetCatalog();
  });
  afterEach(() => clearFaults());

  it("with Admin Mode on, removes only what the reduced view confirms gone", async () => {
    const clean = await cleanCatalog();
    // The same GitLab with Admin Mode on: the admin's token without admin_mode is a regular user.
    // A second sandbox process (the portal never imports the sandbox: it is GitLab over HTTP).
    const gitlab = await startSandbox({ SANDBOX_ADMIN_MODE: "1" }, { quiet: true });
    try {
      const [victim] = await packagesOf(10); // shared/commons: public, readable to anyone
      await deletePackage(gitlab.url, "glpat-sandbox-admin-mode", 10, victim);
      const s = await runSync({
        kind: "full",
        trigger: "test",
        newFilesLimit: 0,
        rest: serviceRest({ baseUrl: gitlab.url, token: "glpat-sandbox-admin" }),
      });
      if (s.status === "already_running") throw new Error("overlap");
      expect(s.errorMessages).toContain(LIMITED_ACCESS_MESSAGE);
      expect(s.packagesRemoved).toBe(1);
      expect(await ids()).toEqual(clean.filter((id) => id !== victim));
      expect((await syncStatus()).serviceAccessWarning).toBe(LIMITED_ACCESS_MESSAGE);
    } finally {
      await gitlab.stop();
    }
  });

  it("refuses a mass removal, reports why, and lets it through when allowed once", async () => {
    const clean = await cleanCatalog();
    const gone = [...(await packagesOf(10)), ...(await packagesOf(11))];
    expect(gone.length / clean.length).toBeGreaterThan(0.1);
    for (const id of gone) {
      const [{ project_id }] = await getSql()`select project_id from packages where id = ${id}`;
      await deletePackage(sandboxUrl(), "glpat-sandbox-admin", Number(project_id), id);
    }
    const refused = await runSync({ kind: "full", trigger: "test", newFilesLimit: 0 });
    if (refused.status === "already_running") throw new Error("overlap");
    expect(refused.status).toBe("partial");
    expect(refused.packagesRemoved).toBe(0);
    expect(refused.errorMessages.join("\n")).toMatch(/removal refused: .*allow_mass_removal=1/);
    expect(await ids()).toEqual(clean);

    // The operator's override, once, through the cron route (a bad value is a 422, no run).
    expect((await cron("kind=full&allow_mass_removal=yes")).status).toBe(422);
    const allowed = await cron("kind=full&allow_mass_removal=1");
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ status: "succeeded", packagesRemoved: gone.length });
    expect(await ids()).toEqual(clean.filter((id) => !gone.includes(id)));
  });

  it("a delete between two pages of a full walk shifts the offset: the skipped package stays, the deleted one leaves next run", async () => {
    // 100 newer versions in web-app fill page 1 of platon/frontend's listing (the walk reads
    // 100 a page, newest first); the group's older packages start on page 2.
    await publishPackages({ project_id: 4, count: 100, package_type: "npm" });
    const clean = await cleanCatalog();
    const page = async (n: number) => {
      const res = await fetch(
        `${sandboxUrl()}/api/v4/groups/103/packages?exclude_subgroups=true&order_by=created_at&sort=desc&per_page=100&page=${n}`,
        { headers: { "PRIVATE-TOKEN": "glpat-sandbox-admin" } },
      );
      return ((await res.json()) as { id: number }[]).map((p) => p.id);
    };
    const [first, second] = [await page(1), await page(2)];
    expect(first).toHaveLength(100);
    const victim = first[0];
    const skipped = second[0]; // moves up to page 1 once the victim is gone: the walk misses it
    // GitLab deletes the victim right after answering the walk's first page request.
    await addFault({ delete_package: victim, path: "/api/v4/groups/103/packages" });

    const s = await runSync({ kind: "full", trigger: "test", newFilesLimit: 0 });
    if (s.status === "already_running") throw new Error("overlap");
    const faults = await (await fetch(`${sandboxUrl()}/-/sandbox/faults`)).json();
    expect(faults, "the delete fired during the walk").toEqual([]);
    expect(await page(1)).not.toContain(victim);
    expect(await page(1)).toContain(skipped);
    // The walk saw the victim (page 1 was served before the delete) and missed `skipped`;
    // GitLab still has `skipped`, so the reconcile's own check keeps it.
    expect(s, s.errorMessages.join("\n")).toMatchObject({
      status: "succeeded",
      packagesRemoved: 0,
    });
    expect(await ids()).toEqual(clean);
    expect(await packagesOf(4)).toContain(skipped);

    // The next full run no longer lists the victim and GitLab confirms it gone: only it leaves.
    const next = await runSync({ kind: "full", trigger: "test", newFilesLimit: 0 });
    if (next.status === "already_running") throw new Error("overlap");
    expect(next).toMatchObject({ status: "succeeded", packagesRemoved: 1 });
    expect(await ids()).toEqual(clean.filter((id) => id !== victim));
  });

  it("converges under GitLab's per-endpoint rate limit, showing that it waits", async () => {
    await cleanCatalog();
    const clean = await catalogSnapshot();
    await resetCatalog();
    await addFault({ rate_limit: { per_minute: 2, window_seconds: 1 }, path: "/api/v4" });
    let sawWaiting: string | null = null;
    let done = false;
    const watcher = (async () => {
      while (!done) {
        const v = await syncStatus();
        sawWaiting ??= v.running?.waitingForRateLimitUntil ?? null;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const s = await runSync({
      kind: "full",
      trigger: "test",
      newFilesLimit: 0,
      concurrency: 4,
      // quick retries would give up inside one window: only waiting the window out converges
      rest: serviceRest({ retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 100 } }),
    }).finally(() => (done = true));
    await watcher;
    if (s.status === "already_running") throw new Error("overlap");
    expect(s.status, s.errorMessages.join("\n")).toBe("succeeded");
    expect(await catalogSnapshot()).toEqual(clean);
    expect(sawWaiting).not.toBeNull();
    expect(s.errorMessages.join("\n")).toMatch(/rate limit held this run/);
  });

  it("leaves out a registry-disabled project's packages, which GitLab's group listing still shows", async () => {
    // Project 7 (platon/data/ml-models): registry disabled, 6 packages. GitLab's group listing
    // asks no registry level, so they are there; the registry itself refuses them (403).
    const listed = await gitlabGetAll<{ project_id: number }>("admin", "groups/104/packages");
    expect(listed.items.filter((p) => p.project_id === 7)).toHaveLength(6);
    const own = await fetch(`${sandboxUrl()}/api/v4/projects/7/packages`, {
      headers: { "PRIVATE-TOKEN": "glpat-sandbox-admin" },
    });
    expect(own.status).toBe(403);
    // A full run with file fetching succeeds (no file read of an unreadable registry) …
    const s = await runSync({ kind: "full", trigger: "test" });
    expect(s, JSON.stringify(s)).toMatchObject({ status: "succeeded", packagesRemoved: 0 });
    // … and mirrors none of them.
    expect(await packagesOf(7)).toEqual([]);
  });

  it("catalogs a project whose repository is disabled but whose registry is readable", async () => {
    const { ids: published } = await publishPackages({
      project_id: 14,
      count: 3,
      package_type: "npm",
    });
    // GitLab's group listing leaves them out (the repository rule) …
    const listed = await gitlabGetAll<{ id: number }>("admin", "groups/103/packages");
    expect(listed.items.map((p) => p.id)).not.toEqual(expect.arrayContaining([published[0]]));
    // … the project endpoint does not, and neither does the catalog.
    await cleanCatalog();
    expect((await packagesOf(14)).sort()).toEqual([...published].sort());
  });
});

describe("incremental refresh of recently active packages", () => {
  beforeEach(async () => {
    await resetSandbox();
    await resetCatalog();
  });

  it("picks up a new download on an older package beyond the first page", async () => {
    // 100 newer versions push web-app's own packages to page 2 of platon/frontend's listing.
    await publishPackages({ project_id: 4, count: 100, package_type: "npm" });
    await cleanCatalog();
    const [old] = await getSql()<{ id: string }[]>`
      select id from packages where project_id = 4 and last_downloaded_at is null
      order by created_at asc limit 1`;
    const res = await fetch(`${sandboxUrl()}/-/sandbox/packages/${old.id}/download`, {
      method: "POST",
    });
    expect(res.status).toBe(200);
    const s = await runSync({ kind: "incremental", trigger: "test", newFilesLimit: 0 });
    expect(s).toMatchObject({ status: "succeeded", packagesUpserted: 1 });
    const [row] = await getSql()`select last_downloaded_at from packages where id = ${old.id}`;
    expect(row.last_downloaded_at).not.toBeNull();
  });
});
