import { expect, test } from "@playwright/test";
import { SANDBOX_URL } from "../../playwright.config";
import { storageStateFor } from "../fixtures";
import { syncCatalog } from "../delete/helpers";

// Registry settings on the project and group pages, per fixture role: the controls a role may
// use are shown, the others are hidden with a line saying who can. Screenshots go to
// E2E_SHOTS (when set) for looking at light/dark, wide/360 px.

const API = 1; // platon/backend/api: private; maintainer is Maintainer, developer a Developer
const PLATON = 101;
const shots = process.env.E2E_SHOTS;

async function shoot(page: import("@playwright/test").Page, name: string) {
  if (!shots) return;
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${shots}/${name}-${scheme}-${width}.png`, fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
}

// The pages load four sections each from GitLab; a loaded machine needs the room.
test.describe.configure({ timeout: 180_000 });

test.beforeAll(async ({ request }) => {
  await syncCatalog(request);
});

test.describe("a maintainer on the project page", () => {
  test.use({ storageState: storageStateFor("maintainer") });

  test.afterAll(async ({ request }) => {
    await request.put(`${SANDBOX_URL}/api/v4/projects/${API}`, {
      headers: { "PRIVATE-TOKEN": "glpat-sandbox-admin" },
      data: { package_registry_access_level: "enabled" },
    });
  });

  test("changes registry access after confirming, creates a token shown once, sees the allowlist", async ({
    page,
  }) => {
    await page.goto(`/projects/${API}`);
    const access = page.getByRole("region", { name: "Registry", exact: true });
    await expect(access.getByTestId("registry-level")).toHaveText(
      "Everyone with access to the project",
    );
    await page
      .getByRole("region", { name: "Health", exact: true })
      .getByRole("list", { name: "Findings by kind" })
      .waitFor();
    await shoot(page, "project-maintainer");

    await access.getByLabel("Change access").selectOption("public");
    await access.getByRole("button", { name: "Save" }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText("Let anyone pull these packages?");
    await confirm.getByRole("button", { name: "Make packages public" }).click();
    await expect(page.getByText(/Registry access set to/)).toBeVisible();
    await expect(access.getByTestId("registry-level")).toHaveText("Anyone (allow anyone to pull)");
    const anon = await page.request.get(`${SANDBOX_URL}/api/v4/projects/${API}/packages`, {
      headers: {},
    });
    expect(anon.status()).toBe(200);

    const tokens = page.getByRole("region", { name: "Deploy tokens" });
    await tokens.getByRole("button", { name: "New deploy token" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("consumer pull");
    await expect(dialog.getByLabel("Read (pull only)")).toBeChecked();
    await dialog.getByRole("button", { name: "Create token" }).click();
    const value = dialog.getByLabel(/Token for gitlab\+deploy-token-/);
    await expect(value).toHaveValue(/^gldt-/);
    await expect(dialog.getByRole("button", { name: "Copy token" })).toBeVisible();
    const setup = dialog.getByRole("link", { name: "Set me up with this token" });
    await expect(setup).toHaveAttribute(
      "href",
      new RegExp(
        `^/setup\\?type=npm&scope=project&scope_id=${API}&auth=deploy-token&username=gitlab%2Bdeploy-token-\\d+$`,
      ),
    );
    await shoot(page, "project-token-once");
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(tokens.getByText("consumer pull")).toBeVisible();
    await expect(page.getByText(/gldt-/)).toHaveCount(0); // gone with the dialog

    const allow = page.getByRole("region", { name: "CI/CD job token allowlist" });
    await expect(allow.getByRole("button", { name: "Allow" })).toBeVisible();
  });
});

test.describe("a developer on the project page", () => {
  test.use({ storageState: storageStateFor("developer") });

  test("sees the access level but no control, and who can do each thing", async ({ page }) => {
    await page.goto(`/projects/${API}`);
    const access = page.getByRole("region", { name: "Registry", exact: true });
    await expect(access.getByTestId("registry-level")).toBeVisible();
    await expect(access.getByRole("button", { name: "Save" })).toHaveCount(0);
    await expect(access).toContainText(
      "Maintainers and Owners can change who can pull from the registry.",
    );
    const tokens = page.getByRole("region", { name: "Deploy tokens" });
    await expect(tokens).toContainText("Maintainers and Owners can see deploy tokens.");
    await expect(tokens.getByRole("button", { name: "New deploy token" })).toHaveCount(0);
    const allow = page.getByRole("region", { name: "CI/CD job token allowlist" });
    await expect(allow).toContainText(
      "Maintainers and Owners can change the CI/CD job token allowlist.",
    );
    await expect(allow.getByRole("button", { name: "Allow" })).toHaveCount(0);
    await shoot(page, "project-developer");
  });
});

test.describe("the group page", () => {
  test.describe("as the Owner", () => {
    test.use({ storageState: storageStateFor("owner") });
    test("changes duplicate settings and reads them back", async ({ page }) => {
      await page.goto(`/groups/${PLATON}`);
      const settings = page.getByRole("region", { name: "Package settings" });
      const generic = settings.getByRole("checkbox").nth(1);
      await expect(generic).toBeChecked({ timeout: 30_000 });
      await expect(page.getByText("Storage by type")).toBeVisible();
      await shoot(page, "group-owner");
      await generic.uncheck();
      await settings.getByLabel("Generic exception pattern").fill("nightly-.*");
      await settings.getByRole("button", { name: "Save settings" }).click();
      await expect(page.getByText("Package settings saved")).toBeVisible();
      await page.reload();
      await expect(settings.getByRole("checkbox").nth(1)).not.toBeChecked({ timeout: 90_000 });
      await expect(settings.getByLabel("Generic exception pattern")).toHaveValue("nightly-.*");
      await settings.getByRole("checkbox").nth(1).check();
      await settings.getByLabel("Generic exception pattern").fill("");
      await settings.getByRole("button", { name: "Save settings" }).click();
      await expect(page.getByText("Package settings saved")).toBeVisible();
    });
  });

  test.describe("as a developer", () => {
    test.use({ storageState: storageStateFor("developer") });
    test("reads nothing to change: disabled settings and who can", async ({ page }) => {
      await page.goto(`/groups/${PLATON}`);
      const settings = page.getByRole("region", { name: "Package settings" });
      await expect(settings).toContainText("Only Owners can change package settings.");
      await expect(settings.getByRole("button", { name: "Save settings" })).toHaveCount(0);
      await expect(settings.getByRole("checkbox").first()).toBeDisabled();
      const tokens = page.getByRole("region", { name: "Deploy tokens" });
      await expect(tokens).toContainText("Maintainers and Owners can see deploy tokens.");
    });
  });
});
