import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures";
import { AUTH_SERVICE, BILLING, inGitlab, publish, removeAll, syncCatalog } from "./helpers";

// A Maintainer of platon/backend cleans up: one file, one version, then thirty versions at
// once from the catalog — and the audit log shows every one of those attempts.

test.describe.serial("a maintainer deletes", () => {
  test.use({ storageState: storageStateFor("maintainer") });
  let versions: number[] = [];
  let bulk: number[] = [];
  let startedAt = "";

  test.beforeAll(async ({ request }) => {
    startedAt = new Date().toISOString();
    // A retry re-runs this: what an earlier attempt published must not be counted again.
    await removeAll(request, AUTH_SERVICE, "e2e-delete-me");
    await removeAll(request, BILLING, "e2e-bulk-thirty");
    versions = await publish(request, {
      project_id: AUTH_SERVICE,
      count: 2,
      package_type: "pypi",
      name: "e2e-delete-me",
    });
    bulk = await publish(request, {
      project_id: BILLING,
      count: 30,
      package_type: "generic",
      name: "e2e-bulk-thirty",
    });
    await syncCatalog(request);
  });

  test("a single file of a version", async ({ page }) => {
    await page.goto(`/packages/${versions[0]}`);
    const deleteButtons = page.getByRole("button", { name: /^Delete file / });
    await expect(deleteButtons.first()).toBeVisible();
    const before = await deleteButtons.count();
    expect(before).toBeGreaterThan(1);
    const name = (await deleteButtons.first().getAttribute("aria-label"))!.replace(
      "Delete file ",
      "",
    );
    await deleteButtons.first().click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText(`Delete ${name}?`);
    await dialog.getByRole("button", { name: "Delete file" }).click();
    await expect(page.getByText(`Deleted ${name}`)).toBeVisible();
    await expect(page.getByRole("button", { name: `Delete file ${name}` })).toHaveCount(0);
    await expect(deleteButtons).toHaveCount(before - 1);
  });

  test("a version, after a confirmation naming it", async ({ page, request }) => {
    await page.goto(`/packages/${versions[0]}`);
    await page.getByRole("button", { name: "Delete version" }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("e2e-delete-me");
    await expect(dialog).toContainText("auth-service");
    await expect(dialog.getByRole("list", { name: "Files that will be deleted" })).toBeVisible();
    // Focus starts on Cancel: Enter alone never deletes.
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    const axe = await new AxeBuilder({ page }).include('[role="alertdialog"]').analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await dialog.getByRole("button", { name: /^Delete / }).click();
    await expect(page.getByText(/Deleted e2e-delete-me/)).toBeVisible();
    await expect(page).not.toHaveURL(new RegExp(`/packages/${versions[0]}$`));
    expect(await inGitlab(request, AUTH_SERVICE, versions[0])).toBe(false);
    expect(await inGitlab(request, AUTH_SERVICE, versions[1])).toBe(true);
  });

  test("thirty versions from the catalog, with progress", async ({ page, request }) => {
    // The catalog shows 20 rows a page (the API's default); the selection outlives paging, so all 30 can go at once.
    await page.goto(`/packages?q=e2e-bulk-thirty&type=generic&view=versions`);
    const selectAll = page.getByRole("checkbox", {
      name: "Select all deletable versions on this page",
    });
    await expect(page.getByTestId("catalog-row")).toHaveCount(20);
    await selectAll.click();
    const bar = page.getByRole("region", { name: "Bulk actions" });
    await expect(bar).toContainText("20 versions selected");
    await page
      .getByRole("navigation", { name: "Pagination" })
      .getByRole("button", { name: /Next/ })
      .click();
    await expect(page.getByTestId("catalog-row")).toHaveCount(10);
    await selectAll.click();
    await expect(bar).toContainText("30 versions selected");
    await bar.getByRole("button", { name: "Delete 30 versions" }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("Delete 30 versions?");
    const axe = await new AxeBuilder({ page }).include('[role="alertdialog"]').analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await dialog.getByRole("button", { name: "Delete 30 versions" }).click();
    const progress = dialog.getByRole("progressbar", { name: "Bulk delete progress" });
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute("aria-valuenow", "30", { timeout: 60_000 });
    await expect(dialog).toContainText("30 of 30 processed");
    await expect(dialog.locator('[data-status="deleted"]')).toHaveCount(30);
    await dialog.getByRole("button", { name: "Close" }).click();
    for (const id of [bulk[0], bulk[15], bulk[29]])
      expect(await inGitlab(request, BILLING, id)).toBe(false);
  });

  test("the audit log shows all of it", async ({ page }) => {
    await page.goto(`/audit?actor=maintainer&per_page=100&from=${encodeURIComponent(startedAt)}`);
    const table = page.getByTestId("audit-table");
    await expect(table.getByRole("row").filter({ hasText: "package_file.delete" })).toHaveCount(1);
    await expect(table.getByRole("row").filter({ hasText: "e2e-delete-me" })).toHaveCount(2);
    await expect(
      table.getByRole("row").filter({ hasText: "e2e-bulk-thirty" }).filter({ hasText: "bulk" }),
    ).toHaveCount(30);
    await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute(
      "href",
      /format=csv/,
    );
  });
});
