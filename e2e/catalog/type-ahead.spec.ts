import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures";

// Type-ahead: an answer for text the user has typed past must never replace the answer for
// what they typed last, and the request for it is cancelled. The earlier request is held back
// for 3 s and then answered with other rows (the unfiltered catalog): if the client let it
// land, the table would show packages that are not "ui-kit".

test.use({ storageState: storageStateFor("developer") });

test("a slow answer for earlier text never overwrites the later one", async ({ page }) => {
  await expect(async () => {
    await page.goto("/packages");
    await expect(page.getByTestId("catalog-row").first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  const aborted: string[] = [];
  page.on("requestfailed", (r) => {
    if (r.url().includes("/api/packages?")) aborted.push(new URL(r.url()).searchParams.get("q")!);
  });
  let heldBack = false;
  await page.route(
    (url) => url.pathname === "/api/packages" && url.searchParams.get("q") === "ui",
    async (route) => {
      heldBack = true;
      const other = await page.request.get("/api/packages?view=packages");
      await new Promise((r) => setTimeout(r, 3_000));
      await route.fulfill({ response: other }).catch(() => {}); // aborted by the page: fine
    },
  );

  const box = page.getByRole("searchbox", { name: "Search packages by name or version" });
  await box.pressSequentially("ui");
  await expect.poll(() => heldBack).toBe(true); // the request for "ui" is on its way
  await box.pressSequentially("-kit");

  const rows = page.getByTestId("catalog-row");
  await expect(rows.first()).toContainText("ui-kit");
  await expect(page).toHaveURL(/q=ui-kit/);
  // Past the moment the held-back answer arrives: still only ui-kit rows.
  await page.waitForTimeout(3_500);
  const names = await rows.evaluateAll((els) => els.map((e) => e.textContent ?? ""));
  expect(names.length).toBeGreaterThan(0);
  for (const n of names) expect(n).toContain("ui-kit");
  // The superseded request was cancelled, not merely ignored.
  expect(aborted).toContain("ui");
});
