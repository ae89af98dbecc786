import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures";
import { WEB_APP } from "./helpers";

// The policy editor validates on every keystroke with the API's own rules. Typing a glob that
// ends in four backslashes once hung the tab for good (picomatch never returned), and globs such
// as "*(ab|abab)" would have held the server's worker for seconds per package name: the editor
// now says why at once, and stays usable.

test.describe("a group owner typing policy globs", () => {
  test.use({ storageState: storageStateFor("owner") });

  test("is told at once why a glob is refused, and the editor keeps answering", async ({
    page,
  }) => {
    await page.goto(`/projects/${WEB_APP}`);
    await page.getByRole("link", { name: "Retention policies" }).click();
    await page.getByRole("link", { name: "New policy" }).first().click();
    await page.getByLabel("Name", { exact: true }).fill("e2e globs");

    const version = page.getByLabel("Version glob");
    await version.pressSequentially("(\\\\\\\\");
    await expect(version).toHaveValue("(\\\\\\\\");
    await expect(
      page.getByText(
        "version_pattern cannot contain a backslash: package names and versions never need escaping",
      ),
    ).toBeVisible();

    const name = page.getByLabel("Package name glob");
    await name.pressSequentially("*(ab|abab)");
    await expect(
      page.getByText(
        "name_pattern cannot use ( ) or |: package names never hold them (for alternatives, use {a,b})",
      ),
    ).toBeVisible();
    await name.fill("*a*a*a*a");
    await expect(page.getByText("name_pattern may hold at most 3 * wildcards")).toBeVisible();

    // Mended, both are taken and nothing can be stored until then.
    await expect(page.getByRole("button", { name: "Create policy" })).toBeDisabled();
    await name.fill("@platon/*");
    await version.fill("*-SNAPSHOT");
    await expect(page.getByText(/cannot|may hold/)).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Create policy" })).toBeEnabled();
  });
});
