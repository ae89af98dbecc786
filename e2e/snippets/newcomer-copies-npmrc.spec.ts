import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures";

// A newcomer opens an npm package, picks "Deploy token", copies the .npmrc block: the clipboard
// holds exactly what the portal renders for that package (GET /api/snippets) — the instance's
// own URL with its port, the project, and the token only as ${DEPLOY_TOKEN}.

test.use({
  storageState: storageStateFor("developer"),
  permissions: ["clipboard-read", "clipboard-write"],
});

test("copying the .npmrc block puts exactly the rendered text on the clipboard", async ({
  page,
  baseURL,
}) => {
  await page.goto("/packages?type=npm");
  await page.getByTestId("catalog-row").first().getByRole("link").first().click();
  const panel = page.locator("#set-me-up");
  await expect(panel.getByRole("heading", { name: "Set me up" })).toBeVisible();

  await panel.getByRole("radio", { name: /Deploy token/ }).check();
  await expect(page).toHaveURL(/auth=deploy-token/);
  const block = panel.locator('[data-snippet-id="npm-npmrc-project"]');
  await expect(block).toContainText("${DEPLOY_TOKEN}");

  await block.getByRole("button", { name: /^Copy \.npmrc/ }).click();
  await expect(page.getByText(/^Copied \.npmrc/)).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());

  // What the API renders for the same choice (the wizard link carries the panel's state).
  const href = await panel
    .getByRole("link", { name: "Open in the setup wizard" })
    .getAttribute("href");
  const state = new URL(href!, baseURL).searchParams;
  state.delete("tool");
  const res = await page.request.get(`/api/snippets?${state}`);
  expect(res.status()).toBe(200);
  const { snippets } = (await res.json()) as { snippets: Array<{ id: string; content: string }> };
  const expected = snippets.find((s) => s.id === "npm-npmrc-project")!.content;

  expect(copied).toBe(expected);
  const sandboxHost = `localhost:${process.env.E2E_SANDBOX_PORT ?? 5099}`;
  expect(copied).toMatch(
    new RegExp(
      `^# \\.npmrc\\n@[\\w-]+:registry=http://${sandboxHost}/api/v4/projects/${state.get("scope_id")}/packages/npm/\\n//${sandboxHost}/api/v4/projects/\\d+/packages/npm/:_authToken=\\$\\{DEPLOY_TOKEN\\}$`,
    ),
  );
  expect(copied).not.toMatch(/gl(pat|dt|cbt)-/);
});
