import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures";
import { publish, removeAll, syncCatalog, versionsInGitlab, WEB_APP } from "./helpers";

// The owner's whole path: create a policy, read its live preview, enforce it with "Run now",
// and read what happened in the run history — and GitLab lost exactly what the preview showed.

const NAME = "@platon/e2e-retention";

test.describe("a group owner", () => {
  test.use({ storageState: storageStateFor("owner") });
  // Sync, a build-time page compile and a run against GitLab: more than the default minute
  // on a loaded machine.
  test.setTimeout(180_000);

  test.beforeAll(async ({ request }) => {
    await removeAll(request, WEB_APP, NAME);
    await publish(request, { project_id: WEB_APP, count: 5, package_type: "npm", name: NAME });
    await syncCatalog(request);
  });

  test("creates a policy, previews it, enforces it and reads the run history", async ({
    page,
    request,
  }) => {
    const before = await versionsInGitlab(request, WEB_APP, NAME);
    expect(before).toHaveLength(5);

    await page.goto(`/projects/${WEB_APP}`);
    await page.getByRole("link", { name: "Retention policies" }).click();
    await page.getByRole("link", { name: "New policy" }).first().click();
    await page.getByLabel("Name", { exact: true }).fill("e2e keep two");
    await page.getByLabel("Package name glob").fill(NAME);
    await page.getByLabel("Keep the N highest").fill("2");
    await page.getByLabel("Older than (days)").fill("");
    // The live preview follows the form: three of five versions go, the two highest stay.
    const summary = page.getByTestId("preview-summary");
    await expect(summary).toContainText("3 versions would be deleted");
    await expect(summary).toContainText("2 kept");
    const preview = page.getByTestId("live-preview");
    await expect(preview.getByRole("cell", { name: "not among the 2 highest (#3)" })).toBeVisible();
    const planned = (await preview.locator("tbody tr td:nth-child(2)").allInnerTexts()).map((v) =>
      v.trim(),
    );
    expect(planned).toHaveLength(3);

    await page.getByRole("button", { name: "Create policy" }).click();
    await expect(page.getByText("Policy created")).toBeVisible();
    await expect(page.getByRole("heading", { name: "e2e keep two" })).toBeVisible();

    await page.getByRole("button", { name: "Enforce…" }).click();
    await page.getByRole("button", { name: "Enforce now" }).click();
    await expect(page.getByText("Run succeeded")).toBeVisible({ timeout: 30_000 });

    const after = await versionsInGitlab(request, WEB_APP, NAME);
    expect(after).toEqual(before.filter((v) => !planned.includes(v)));
    expect(after).toHaveLength(2);

    await page.getByRole("link", { name: "View run" }).click();
    await expect(page.getByRole("heading", { name: /Run history/ })).toBeVisible();
    await expect(page.getByRole("figure", { name: "Bytes freed per run" })).toBeVisible();
    await expect(page.getByRole("heading", { name: /per-package actions/ })).toBeVisible();
    await expect(page.getByText("deleted", { exact: true }).first()).toBeVisible();
    for (const v of planned) await expect(page.getByText(v, { exact: true })).toBeVisible();
  });
});
