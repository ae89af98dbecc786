import { expect, type APIRequestContext } from "@playwright/test";
import { SANDBOX_URL } from "../../playwright.config";

// Set-up for the delete specs: publish versions in the sandbox (as any client would, through
// its control API), mirror them with a full catalog sync, and ask GitLab what is left.

export const CRON = { Authorization: "Bearer e2e-cron-secret-0000" };

/** platon/backend/auth-service — private; maintainer is Maintainer there, developer a Developer. */
export const AUTH_SERVICE = 2;
/** platon/backend/billing — private with a public registry. */
export const BILLING = 3;

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
  await expect(async () => {
    const res = await request.post("/api/cron/sync?kind=full", {
      headers: CRON,
      timeout: 120_000,
    });
    expect(res.status(), await res.text()).toBe(200);
  }).toPass({ timeout: 120_000, intervals: [1_000] });
}

/** True while GitLab (asked as admin) still lists the package. */
export async function inGitlab(request: APIRequestContext, projectId: number, id: number) {
  const res = await request.get(`${SANDBOX_URL}/api/v4/projects/${projectId}/packages/${id}`, {
    headers: { "PRIVATE-TOKEN": "glpat-sandbox-admin" },
  });
  return res.status() === 200;
}
