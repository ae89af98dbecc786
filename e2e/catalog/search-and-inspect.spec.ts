import { expect, test, type Page } from "@playwright/test";

// The catalog as a developer: typo-tolerant search, type filter, package page, checksum copy.
// The portal syncs at startup (PORTAL_SYNC_INTERVAL_MINUTES); reload until rows are there.

test.use({ storageState: "e2e/.auth/developer.json" });

async function openCatalog(page: Page, query = "") {
  await expect(async () => {
    await page.goto(`/packages${query}`);
    await expect(page.getByTestId("catalog-row").first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

test("search with a typo finds the package", async ({ page }) => {
  await openCatalog(page);
  await page
    .getByRole("searchbox", { name: "Search packages by name or version" })
    .fill("@platon/ui-kti");
  await expect(page).toHaveURL(/q=%40platon%2Fui-kti|q=@platon\/ui-kti/);
  await expect(
    page.getByTestId("catalog-row").first().getByRole("link", { name: "@platon/ui-kit" }),
  ).toBeVisible();
});

test("filter by type shows only that type and keeps it in the URL", async ({ page }) => {
  await openCatalog(page);
  await page
    .getByRole("group", { name: "Package type" })
    .getByRole("button", { name: /^Maven/ })
    .click();
  await expect(page).toHaveURL(/type=maven/);
  const rows = page.getByTestId("catalog-row");
  await expect(rows.first()).toBeVisible();
  await expect(async () => {
    const badges = await rows.locator('[data-slot="badge"]').first().allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    for (const text of await rows.evaluateAll((els) =>
      els.map((e) => e.querySelector('[data-slot="badge"]')?.textContent),
    )) {
      expect(text).toBe("Maven");
    }
  }).toPass();
});

test("open a package and copy a checksum", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openCatalog(page, "?q=ui-kit&type=npm");
  await page
    .getByTestId("catalog-row")
    .first()
    .getByRole("link", { name: "@platon/ui-kit" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("@platon/ui-kit");
  await expect(page.getByRole("link", { name: /View in GitLab/ })).toHaveAttribute(
    "href",
    /\/-\/packages\/\d+$/,
  );
  const copy = page.getByRole("button", { name: /^Copy sha256 of / }).first();
  // Files arrive with the first sync's backfill; reload until the table is there.
  await expect(async () => {
    await page.reload();
    await expect(copy).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const full = await page.locator("code[title]").first().getAttribute("title");
  await copy.click();
  await expect(page.getByText("sha256 copied")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(full);
});

test("date filters narrow the list and stay in the URL", async ({ page }) => {
  await openCatalog(page);
  await page.getByRole("button", { name: "Filters" }).click();
  const from = page.getByLabel("Published from");
  await from.fill("2999-01-01");
  await expect(page).toHaveURL(/published_from=2999-01-01/);
  await expect(page.getByText("No packages match")).toBeVisible();
  await from.fill("2000-01-01");
  await expect(page).toHaveURL(/published_from=2000-01-01/);
  await expect(page.getByTestId("catalog-row").first()).toBeVisible();
  // Nothing was downloaded before 2000, and "or never" brings back the never-downloaded.
  await page.getByLabel("Last downloaded before").fill("2000-01-01");
  await expect(page).toHaveURL(/downloaded_before=2000-01-01/);
  await expect(page.getByText("No packages match")).toBeVisible();
  await page.getByLabel("or never").check();
  await expect(page).toHaveURL(/never_downloaded=true/);
  await expect(page.getByTestId("catalog-row").first()).toBeVisible();
  // A reload renders the same filters on the server.
  await page.reload();
  await expect(page.getByTestId("catalog-row").first()).toBeVisible();
});

test("the packages view keeps packages holding a matching version and says how many", async ({
  page,
}) => {
  await openCatalog(page, "?view=packages&q=1.0");
  await expect(page.getByTestId("catalog-row").first()).toContainText(
    /\d+ versions?, \d+ matching/,
  );
  await page.getByRole("button", { name: "Filters" }).click();
  await expect(
    page.getByText(/Each row is a package: dates apply to its newest version/),
  ).toBeVisible();
});
