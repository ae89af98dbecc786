import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures";
import { AUTH_SERVICE, inGitlab, publish, syncCatalog } from "./helpers";

// Developers publish but do not delete (the guide's project table): no destructive control,
// only a line saying who can — and a forged request is refused by the server anyway.

test.describe("a developer", () => {
  test.use({ storageState: storageStateFor("developer") });
  let id: number;

  test.beforeAll(async ({ request }) => {
    [id] = await publish(request, {
      project_id: AUTH_SERVICE,
      count: 1,
      package_type: "npm",
      name: "@platon/e2e-keep-me",
    });
    await syncCatalog(request);
  });

  test("sees no delete control on the package page, only who can", async ({ page }) => {
    await page.goto(`/packages/${id}`);
    await expect(page.getByText("@platon/e2e-keep-me").first()).toBeVisible();
    await expect(page.getByRole("button", { name: /Delete/ })).toHaveCount(0);
    await expect(page.getByTestId("delete-permission-note")).toHaveText(
      "Maintainers and Owners can delete packages in this project.",
    );
  });

  test("sees no selection checkboxes in the catalog", async ({ page }) => {
    // The version view is where maintainers get checkboxes; a developer gets none.
    await page.goto(`/packages?q=e2e-keep-me&view=versions`);
    await expect(page.getByText("@platon/e2e-keep-me").first()).toBeVisible();
    await expect(page.getByRole("checkbox", { name: /^Select / })).toHaveCount(0);
  });

  test("a forged DELETE from the page is refused with 403; GitLab keeps the package", async ({
    page,
    request,
  }) => {
    await page.goto(`/packages/${id}`);
    const answer = await page.evaluate(async (pid) => {
      const res = await fetch(`/api/packages/${pid}`, { method: "DELETE" });
      return { status: res.status, body: await res.json() };
    }, id);
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toMatch(/Maintainers and Owners can delete packages/);
    expect(await inGitlab(request, AUTH_SERVICE, id)).toBe(true);
  });
});
