import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures";

// Every main page, light and dark, passes axe's WCAG A/AA rules (contrast included).

const PAGES = ["/packages", "/packages?view=packages", "/groups", "/audit", "/policies", "/setup"];

async function scan(page: import("@playwright/test").Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

test("the sign-in page", async ({ page }) => {
  await page.goto("/signin");
  expect(await scan(page)).toEqual([]);
});

test.describe("as a maintainer", () => {
  test.use({ storageState: storageStateFor("maintainer") });
  for (const scheme of ["light", "dark"] as const) {
    for (const path of PAGES) {
      test(`${path} in ${scheme} mode`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        expect(await scan(page)).toEqual([]);
      });
    }
    test(`a package page in ${scheme} mode`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/packages");
      await page.getByTestId("catalog-row").first().getByRole("link").first().click();
      // The catalog has a level-1 heading too: without waiting for the package's URL, axe could
      // scan while the client navigation swapped the page (it reported the document, ":root").
      await page.waitForURL(/\/packages\/\d+$/);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.waitForLoadState("networkidle");
      expect(await scan(page)).toEqual([]);
    });
  }
});
