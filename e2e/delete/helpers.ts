import { expect, type APIRequestContext } from "@playwright/test";
import { SANDBOX_URL } from "../../playwright.config";

// Set-up for the delete specs: publish versions in the sandbox (as any client would, through
// its control API), mirror them with a full catalog sync, and ask GitLab what is left.

export const CRON = { Authorization: "Bearer e2e-cron-secret-0000" };

/** platon/backend/auth-service — private; maintainer is Maintainer there, developer a Developer. */
export const AUTH_SERVICE = 2;
/** platon/backend/billing — private with a public registry. */
export const BILLING = 3;

/**
 * Deletes (as admin, through GitLab's API) every package of that name in the project, so a
 * spec's set-up starts from the same state on a retry as on its first attempt.
 */
export async function removeAll(request: APIRequestContext, projectId: number, name: string) {
  const admin = { "PRIVATE-TOKEN": "glpat-sandbox-admin" };
  const res = await request.get(
    `${SANDBOX_URL}/api/v4/projects/${projectId}/packages?package_name=${encodeURIComponent(name)}&per_page=100`,
    { headers: admin },
  );
  expect(res.status()).toBe(200);
  for (const p of (await res.json()) as { id: number; name: string }[]) {
    if (p.name !== name) continue;
    const del = await request.delete(
      `${SANDBOX_URL}/api/v4/projects/${projectId}/packages/${p.id}`,
      {
        headers: admin,
      },
    );
    expect(del.status()).toBe(204);
  }
}

export async function publish(
  request: APIRequestContext,
  body: { project_id: number; count: number; package_type?: string; name: string },
): Promise<number[]> {
  const res = await request.post(`${SANDBOX_URL}/-/sandbox/packages`, { data: body });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { ids: number[] }).ids;
}

/** A full sync; waits out one already running (409), e.g. the portal's start-up sync. */
export async function syncCatalog(request: APIRequestContext): Promise<void> {
  let summary: { status?: string; errorMessages?: string[] } = {};
  await expect(async () => {
    // The specs delete many of their own versions between runs: a legitimate mass removal.
    const res = await request.post("/api/cron/sync?kind=full&allow_mass_removal=1", {
      headers: CRON,
      timeout: 120_000,
    });
    expect(res.status(), await res.text()).toBe(200);
    summary = await res.json();
  }).toPass({ timeout: 120_000, intervals: [1_000] });
  // A "partial" run answers 200 too, but may have left new versions without their files.
  expect(summary.status, JSON.stringify(summary.errorMessages)).toBe("succeeded");
}

/** True while GitLab (asked as admin) still lists the package. */
export async function inGitlab(request: APIRequestContext, projectId: number, id: number) {
  const res = await request.get(`${SANDBOX_URL}/api/v4/projects/${projectId}/packages/${id}`, {
    headers: { "PRIVATE-TOKEN": "glpat-sandbox-admin" },
  });
  return res.status() === 200;
}
