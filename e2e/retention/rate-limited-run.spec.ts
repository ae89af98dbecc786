import { expect, test } from "@playwright/test";
import { activeFault, addFault, clearFaults } from "../faults";
import { publish, removeAll, syncCatalog, versionsInGitlab, WEB_APP } from "./helpers";

// A retention run GitLab rate-limits, in the built portal ("Run now", in the background). When
// a retry never came back (lib/gitlab/requester.ts, discardBody), each throttled step sat out
// its time limit and failed: the run deleted nothing. It must wait as GitLab says, then delete
// exactly what its policy plans.

const NAME = "@platon/e2e-rate-limited";
const OWNER = { "PRIVATE-TOKEN": "glpat-sandbox-owner" };

type Run = { status: string; finished_at: string | null; deleted: number; failed: number };

test.describe("a retention run GitLab rate-limits", () => {
  test.setTimeout(180_000);
  let policyId: number | undefined;

  test.beforeAll(async ({ request }) => {
    await removeAll(request, WEB_APP, NAME);
    await publish(request, { project_id: WEB_APP, count: 4, package_type: "npm", name: NAME });
    await syncCatalog(request);
  });

  test.afterEach(async ({ request }) => {
    await clearFaults(request);
    if (policyId !== undefined)
      await request.delete(`/api/policies/${policyId}`, { headers: OWNER });
  });

  test("waits as GitLab says, then deletes what its policy plans", async ({ request }) => {
    const before = await versionsInGitlab(request, WEB_APP, NAME);
    expect(before).toHaveLength(4);
    const created = await request.post("/api/policies", {
      headers: OWNER,
      data: {
        name: "e2e rate-limited",
        scope: { type: "project", id: WEB_APP },
        name_pattern: NAME,
        keep_latest: 1,
        mode: "enforce",
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    policyId = ((await created.json()) as { id: number }).id;

    // Three throttled answers (Rack::Attack's, Retry-After: 1) on the project's package
    // endpoints: the run's live reads and its deletes.
    const faultId = await addFault(request, {
      status: 429,
      retry_after: 1,
      path: `/api/v4/projects/${WEB_APP}/packages`,
      count: 3,
    });

    const started = await request.post(`/api/policies/${policyId}/runs`, {
      headers: OWNER,
      data: { mode: "enforce" },
    });
    expect(started.status(), await started.text()).toBe(202);
    const { run_id } = (await started.json()) as { run_id: number };
    let run: Run | undefined;
    await expect(async () => {
      const res = await request.get(`/api/policies/${policyId}/runs/${run_id}`, {
        headers: OWNER,
      });
      run = ((await res.json()) as { run: Run }).run;
      expect(run.finished_at).not.toBeNull();
    }).toPass({ timeout: 60_000, intervals: [500] });
    expect(run).toMatchObject({ status: "succeeded", deleted: 3, failed: 0 });

    // GitLab's throttle was met (all three answers taken), and only the highest version is left.
    expect(await activeFault(request, faultId)).toBeUndefined();
    const after = await versionsInGitlab(request, WEB_APP, NAME);
    expect(after).toHaveLength(1);
    expect(before).toContain(after[0]);
  });
});
