import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures";
import { PLATON } from "./helpers";

// A developer reads a group's policy but sees no control to change or run it — only who can —
// and a forged request from the page is refused, nothing changed.

test.describe("a developer", () => {
  test.use({ storageState: storageStateFor("developer") });
  let id: number;

  test.beforeAll(async ({ request }) => {
    const res = await request.post("/api/policies", {
      headers: { "PRIVATE-TOKEN": "glpat-sandbox-owner" },
      data: {
        name: "e2e platon dry run",
        scope: { type: "group", id: PLATON },
        older_than_days: 365,
        mode: "dry_run",
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    id = (await res.json()).id;
  });

  test("sees the policy read-only with who can change it", async ({ page }) => {
    await page.goto(`/policies/${id}`);
    await expect(page.getByRole("heading", { name: "e2e platon dry run" })).toBeVisible();
    await expect(page.getByTestId("read-only-note")).toContainText(
      "Only Owners can manage retention policies.",
    );
    await expect(page.getByRole("button", { name: /Save|Delete|Enforce|Dry run/ })).toHaveCount(0);
    await expect(page.getByLabel("Name", { exact: true })).toBeDisabled();
  });

  test("a forged run or edit from the page is refused with 403", async ({ page, request }) => {
    await page.goto(`/policies/${id}`);
    const answers = await page.evaluate(async (pid) => {
      const run = await fetch(`/api/policies/${pid}/runs`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ mode: "enforce" }),
      });
      const put = await fetch(`/api/policies/${pid}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          name: "hijacked",
          scope: { type: "group", id: 101 },
          keep_latest: 1,
          mode: "enforce",
        }),
      });
      return [
        { status: run.status, body: await run.json() },
        { status: put.status, body: await put.json() },
      ];
    }, id);
    for (const a of answers) {
      expect(a.status).toBe(403);
      expect(a.body.error.message).toMatch(/Developer of platon\. Only Owners/);
    }
    const runs = await request.get(`/api/policies/${id}/runs`, {
      headers: { "PRIVATE-TOKEN": "glpat-sandbox-owner" },
    });
    expect((await runs.json()).items).toEqual([]);
    const policy = await request.get(`/api/policies/${id}`, {
      headers: { "PRIVATE-TOKEN": "glpat-sandbox-owner" },
    });
    expect(await policy.json()).toMatchObject({ name: "e2e platon dry run", mode: "dry_run" });
  });
});
