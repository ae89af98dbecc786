import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures";

// Group and project pages: totals, newest and stale versions — also for users who may
// delete there (their tables carry no bulk selection outside the catalog).

for (const user of ["maintainer", "admin", "developer"] as const) {
  test.describe(`as ${user}`, () => {
    test.use({ storageState: storageStateFor(user) });

    test("the groups list leads to a group page with its totals", async ({ page }) => {
      await page.goto("/groups");
      await page.getByRole("link", { name: "platon/backend", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText("backend");
      await expect(page.getByText("Newest packages")).toBeVisible();
      await expect(page.getByText("Stale versions")).toBeVisible();
      await expect(page.getByText("This page could not be loaded")).toHaveCount(0);
    });

    test("a project page shows its packages", async ({ page }) => {
      await page.goto("/projects/2");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("auth-service");
      await expect(page.getByText("Newest packages")).toBeVisible();
      await expect(page.getByText("This page could not be loaded")).toHaveCount(0);
    });
  });
}

test.describe("as an outsider", () => {
  test.use({ storageState: storageStateFor("outsider") });
  test("a private project's page is not found", async ({ page }) => {
    await page.goto("/projects/2");
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  });
});
