import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "../fixtures";

// The /setup wizard on a 360 px phone: every step reachable and usable, no sideways page
// scroll, and the URL reproduces the result.

test.use({ storageState: storageStateFor("developer"), viewport: { width: 360, height: 740 } });

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test("type → scope → credential → tool, then the link reproduces it", async ({ page }) => {
  await page.goto("/setup");
  await expect(page.getByText("Your snippets appear here")).toBeVisible();
  await noSidewaysScroll(page);

  await page.getByRole("radio", { name: "PyPI" }).check();
  await expect(page).toHaveURL(/type=pypi/);
  await page.getByRole("radio", { name: /^Project/ }).check();
  await page
    .getByLabel("Project", { exact: true })
    .selectOption({ label: "platon/frontend/web-app" });
  await expect(page).toHaveURL(/scope_id=4/);
  await page.getByRole("radio", { name: /CI job token/ }).check();
  await page.getByRole("radio", { name: "twine" }).check();
  await expect(page).toHaveURL(/tool=twine/);

  const pypirc = page.locator('[data-snippet-id="pypi-pypirc"]');
  await expect(pypirc).toContainText("username = gitlab-ci-token");
  await expect(pypirc).toContainText("password = ${CI_JOB_TOKEN}");
  // The tool filter: pip's own snippets are not shown for twine.
  await expect(page.locator('[data-snippet-id="pypi-pip-conf-project"]')).toHaveCount(0);
  await expect(page.locator('[data-note-id="pypi-duplicate-400"]')).toBeVisible();
  await expect(pypirc.getByRole("button", { name: /^Copy/ })).toBeVisible();
  await expect(pypirc.getByRole("button", { name: /^Download/ })).toBeVisible();
  await noSidewaysScroll(page);

  await page.reload();
  await expect(page.locator('[data-snippet-id="pypi-pypirc"]')).toContainText("gitlab-ci-token");
  await expect(page.getByRole("radio", { name: /CI job token/ })).toBeChecked();
});

test("keyboard alone moves through the choices", async ({ page }) => {
  await page.goto("/setup?type=npm&scope=project&scope_id=4&auth=access-token");
  await page.locator("#type-npm").focus(); // "npm" names both a type and a tool
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/type=pypi/);
  await expect(page.locator('[data-snippet-id="pypi-pip-index-url-project"]')).toBeVisible();
});

test("a registry-settings link with a deploy token's username fills it in", async ({ page }) => {
  await page.goto(
    "/setup?type=pypi&scope=project&scope_id=4&auth=deploy-token&username=gitlab%2Bdeploy-token-7",
  );
  await expect(page.getByLabel(/Deploy token username/)).toHaveValue("gitlab+deploy-token-7");
  await expect(page.locator('[data-snippet-id="pypi-pip-index-url-project"]')).toContainText(
    "gitlab+deploy-token-7:${DEPLOY_TOKEN}@",
  );
});

test("a group offers pulling only", async ({ page }) => {
  await page.goto("/setup?type=npm&scope=group&scope_id=101&auth=job-token");
  await expect(page.locator('[data-snippet-id="npm-npmrc-group"]')).toBeVisible();
  await expect(page.locator('[data-snippet-id="npm-publish"]')).toHaveCount(0);
  await expect(page.locator('[data-note-id="group-pull-only"]')).toBeVisible();
});

test("a scope the user cannot read is not found", async ({ page }) => {
  await page.goto("/setup?type=maven&scope=group&scope_id=99999&auth=job-token");
  await expect(page.getByText("That group was not found")).toBeVisible();
});
