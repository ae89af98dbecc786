import { expect, test } from "@playwright/test";
import { displayName, FIXTURE_USERS, signInThroughGitlab, storageStateFor } from "../fixtures";

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
  await signInThroughGitlab(page, "guest");
  await page.getByTestId("user-name").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin\?signedOut=1/);
  await expect(page.getByText("You are signed out")).toBeVisible();
  await page.goto("/packages");
  await expect(page).toHaveURL(/\/signin/);
  const me = await page.request.get("/api/me");
  expect(me.status()).toBe(401);
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
