import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "../fixtures";

// Group and project pages: totals, newest and stale versions — also for users who may
// delete there (their tables carry no bulk selection outside the catalog).

const card = (page: Page, title: string) =>
  page.locator('[data-slot="card"]', { has: page.getByText(title, { exact: true }) });

/** Every row's project link, read from the table (the md+ column). */
async function rowProjects(page: Page, title: string) {
  const rows = card(page, title).getByTestId("catalog-row");
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((els) =>
    els.map((e) => e.querySelector('a[href^="/projects/"]')?.textContent?.trim() ?? ""),
  );
}

for (const user of ["maintainer", "admin", "developer"] as const) {
  test.describe(`as ${user}`, () => {
    test.use({ storageState: storageStateFor(user) });

    test("the groups list leads to a group page with its totals", async ({ page }) => {
      // The portal syncs at startup: reload until the group is listed.
      const link = page.getByRole("link", { name: "platon/backend", exact: true });
      await expect(async () => {
        await page.goto("/groups");
        await expect(link).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 30_000 });
      await link.click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText("backend");
      await expect(page.getByText("This page could not be loaded")).toHaveCount(0);
      // Real rows, and only from the group's own projects (backend holds projects 1–3).
      const newest = await rowProjects(page, "Newest packages");
      expect(newest.length).toBeGreaterThan(0);
      for (const path of newest) expect(path).toMatch(/^platon\/backend\//);
      const stale = await rowProjects(page, "Stale versions");
      for (const path of stale) expect(path).toMatch(/^platon\/backend\//);
    });

    test("a project page shows its packages", async ({ page }) => {
      await expect(async () => {
        await page.goto("/projects/2");
        await expect(page.getByRole("heading", { level: 1 })).toContainText("auth-service", {
          timeout: 2_000,
        });
      }).toPass({ timeout: 30_000 });
      await expect(page.getByText("This page could not be loaded")).toHaveCount(0);
      // The project's own packages (fixture: @platon/auth-client and platon-auth), and no other.
      const newest = card(page, "Newest packages");
      await expect(
        newest.getByRole("link", { name: "@platon/auth-client", exact: true }),
      ).toBeVisible();
      await expect(newest.getByRole("link", { name: "platon-auth", exact: true })).toBeVisible();
      for (const path of await rowProjects(page, "Newest packages"))
        expect(path).toBe("platon/backend/auth-service");
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
