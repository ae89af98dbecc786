import { expect, type Page } from "@playwright/test";

export const FIXTURE_USERS = [
  "admin",
  "owner",
  "maintainer",
  "developer",
  "reporter",
  "planner",
  "guest",
  "external",
  "outsider",
] as const;

export type FixtureUser = (typeof FIXTURE_USERS)[number];

/** The sandbox fixture's display name for a user ("developer" → "Developer Sandbox"). */
export const displayName = (u: string) => `${u[0].toUpperCase()}${u.slice(1)} Sandbox`;

export const storageStateFor = (user: FixtureUser) => `e2e/.auth/${user}.json`;

/** Signs in through the real OAuth flow: portal → sandbox sign-in form → back. */
export async function signInThroughGitlab(page: Page, username: string, start = "/signin") {
  await page.goto(start);
  await page.getByRole("button", { name: /Sign in with GitLab/ }).click();
  await page.locator('input[name="user[login]"]').fill(username);
  await page.locator('input[name="user[password]"]').fill("password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("user-name")).toBeVisible();
}
