import { expect, type APIRequestContext } from "@playwright/test";
import { SANDBOX_URL } from "../../playwright.config";

// Set-up for the retention specs: a package of our own in the sandbox, mirrored by a sync.

export { CRON, publish, removeAll, syncCatalog } from "../delete/helpers";

/** platon/frontend/web-app — internal; owner is Owner there (via platon), developer a Developer. */
export const WEB_APP = 4;
export const PLATON = 101;

/** The versions GitLab lists for that name in the project (admin view). */
export async function versionsInGitlab(
  request: APIRequestContext,
  projectId: number,
  name: string,
): Promise<string[]> {
  const res = await request.get(
    `${SANDBOX_URL}/api/v4/projects/${projectId}/packages?package_name=${encodeURIComponent(name)}&per_page=100`,
    { headers: { "PRIVATE-TOKEN": "glpat-sandbox-admin" } },
  );
  expect(res.status()).toBe(200);
  return ((await res.json()) as { name: string; version: string }[])
    .filter((p) => p.name === name)
    .map((p) => p.version)
    .sort();
}
