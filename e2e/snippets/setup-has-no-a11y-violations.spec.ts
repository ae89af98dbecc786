import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "../fixtures";

// "Set me up" passes axe's WCAG A/AA rules (contrast of the highlighted code included) in
// light and dark mode, wide and at 360 px. Screenshots go to SNIPPET_SCREENS when it is set.

test.use({ storageState: storageStateFor("maintainer") });
// axe over a page of highlighted code takes long on a loaded machine (60 s timed out).
test.setTimeout(180_000);

const WIZARD =
  "/setup?type=npm&scope=project&scope_id=4&auth=deploy-token&username=gitlab%2Bdeploy-token-7";
const PAGES: Array<[name: string, path: string, widths: number[]]> = [
  ["wizard", WIZARD, [1280, 360]],
  ["project-panel", "/projects/4?type=maven&auth=job-token#set-me-up", [1280, 360]],
  ["group-panel", "/groups/101?type=generic#set-me-up", [1280]],
];

async function scan(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

for (const scheme of ["light", "dark"] as const) {
  for (const [name, path, widths] of PAGES) {
    for (const width of widths) {
      test(`${name} in ${scheme} mode at ${width} px`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        expect(await scan(page)).toEqual([]);
        if (process.env.SNIPPET_SCREENS) {
          await page.screenshot({
            path: `${process.env.SNIPPET_SCREENS}/${name}-${scheme}-${width}.png`,
            fullPage: true,
          });
        }
      });
    }
  }
  test(`a package page's panel in ${scheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/packages?type=npm");
    await page.getByTestId("catalog-row").first().getByRole("link").first().click();
    await page
      .locator("#set-me-up")
      .getByRole("radio", { name: /Deploy token/ })
      .check();
    await expect(page).toHaveURL(/auth=deploy-token/);
    await page.waitForLoadState("networkidle");
    // The snippets are dimmed while the new credential's render is pending, and fade back in:
    // scanned mid-fade on a loaded machine, every line of code failed contrast at half opacity.
    const panel = page.locator("#set-me-up");
    await expect(panel.locator("[aria-busy]")).toHaveCount(0);
    await expect(panel.locator(".transition-opacity")).toHaveCSS("opacity", "1");
    expect(await scan(page)).toEqual([]);
    if (process.env.SNIPPET_SCREENS) {
      await page
        .locator("#set-me-up")
        .screenshot({ path: `${process.env.SNIPPET_SCREENS}/package-panel-${scheme}.png` });
    }
  });
}
