import { expect, test } from "@playwright/test";
import { SANDBOX_URL } from "../../playwright.config";
import { displayName, FIXTURE_USERS, signInThroughGitlab, storageStateFor } from "../fixtures";

/** GitLab's own record of the OAuth tokens issued to a user (sandbox control API). */
async function gitlabTokensOf(username: string) {
  const res = await fetch(`${SANDBOX_URL}/-/sandbox/oauth-tokens?username=${username}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Array<{ seq: number; revoked: boolean }>;
}

for (const user of FIXTURE_USERS) {
  test.describe(`signed in as ${user}`, () => {
    test.use({ storageState: storageStateFor(user) });
    test("the header shows their name", async ({ page }) => {
      await page.goto("/packages");
      await expect(page.getByTestId("user-name")).toHaveText(displayName(user));
    });
  });
}

test("a signed-out visit goes to sign-in and comes back after", async ({ page }) => {
  await page.goto("/audit?from=e2e");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await expect(page.getByRole("button", { name: /Sign in with GitLab/ })).toBeVisible();
  await page.getByRole("button", { name: /Sign in with GitLab/ }).click();
  await page.locator('input[name="user[login]"]').fill("reporter");
  await page.locator('input[name="user[password]"]').fill("password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/audit\?from=e2e$/);
  await expect(page.getByTestId("user-name")).toHaveText(displayName("reporter"));
});

test("a wrong password is refused by GitLab and nothing is signed in", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("button", { name: /Sign in with GitLab/ }).click();
  await page.locator('input[name="user[login]"]').fill("developer");
  await page.locator('input[name="user[password]"]').fill("wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Invalid login or password.")).toBeVisible();
});

test("sign-out ends the session and revokes access", async ({ page }) => {
  const earlier = (await gitlabTokensOf("guest")).length;
  await signInThroughGitlab(page, "guest");
  const issued = (await gitlabTokensOf("guest")).slice(earlier);
  expect(issued.length).toBeGreaterThan(0);
  expect(issued.some((t) => !t.revoked)).toBe(true);
  await page.getByTestId("user-name").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin\?signedOut=1/);
  await expect(page.getByText("You are signed out")).toBeVisible();
  await page.goto("/packages");
  await expect(page).toHaveURL(/\/signin/);
  const me = await page.request.get("/api/me");
  expect(me.status()).toBe(401);
  // GitLab itself no longer accepts what this sign-in was given.
  const after = await gitlabTokensOf("guest");
  for (const t of issued) expect(after[t.seq].revoked).toBe(true);
});

test("an expired GitLab token is refreshed without the user noticing, once across tabs", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await signInThroughGitlab(first, "maintainer");
  const before = await (await first.request.get("/api/me")).json();
  expect(before.gitlab.connected).toBe(true);
  // The e2e sandbox issues 20-second access tokens: wait until this one has expired.
  await first.waitForTimeout(22_000);
  const second = await context.newPage();
  // Two tabs hit GitLab at the same moment; refresh tokens rotate, so only one refresh may happen.
  const [a, b] = await Promise.all([first.request.get("/api/me"), second.request.get("/api/me")]);
  expect(a.status()).toBe(200);
  expect(b.status()).toBe(200);
  await second.goto("/packages");
  await expect(second.getByTestId("user-name")).toHaveText(displayName("maintainer"));
  const after = await second.request.get("/api/me");
  expect(after.status()).toBe(200);
  await context.close();
});
