import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures";

// The search box's requests, as the browser sends them with its session cookie. In `npm start`
// (scripts/serve.mjs → scripts/portal-worker.mjs) GET /api/packages is answered by the route's
// handler without Next's router; everything the route decides must still hold through it.

test.use({ storageState: storageStateFor("developer") });

test("the catalog search answers through the worker's direct path", async ({
  page,
  browser,
  baseURL,
}) => {
  const search = "/api/packages?q=ui-kit&view=packages";
  await expect(async () => {
    const res = await page.request.get(search);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { items: { name: string }[] };
    expect(body.items.length).toBeGreaterThan(0); // the startup sync has landed
    for (const item of body.items) expect(item.name).toContain("ui-kit");
  }).toPass({ timeout: 30_000 });

  // Next's router adds its RSC Vary header to every route it serves (here /api/me); the direct
  // path does not. If instrumentation.ts stopped publishing the route, this would fail.
  expect((await page.request.get("/api/me")).headers()["vary"]).toMatch(/rsc/i);
  expect((await page.request.get(search)).headers()["vary"] ?? "").not.toMatch(/rsc/i);

  // The route's own validation and error body.
  const bad = await page.request.get("/api/packages?per_page=0");
  expect(bad.status()).toBe(422);
  expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_input");

  // And its authentication: without the session cookie, 401.
  // (Contexts made here take the test's options: say no storage state.)
  const anonymous = await browser.newContext({
    baseURL,
    storageState: { cookies: [], origins: [] },
  });
  try {
    const res = await anonymous.request.get(search);
    expect(res.status()).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
  } finally {
    await anonymous.close();
  }
});
