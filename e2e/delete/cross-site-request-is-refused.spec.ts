import { expect, test } from "@playwright/test";
import { SANDBOX_URL } from "../../playwright.config";
import { storageStateFor } from "../fixtures";
import { AUTH_SERVICE, inGitlab, publish, syncCatalog } from "./helpers";

// A page on another origin (here the sandbox's, a different port of the same site, so the
// browser does send the portal's session cookie) fires a "simple" POST that needs no CORS
// preflight. The portal must refuse it by its Origin, and nothing may be deleted.

test.describe("a signed-in maintainer visiting another site", () => {
  test.use({ storageState: storageStateFor("maintainer") });
  let id: number;

  test.beforeAll(async ({ request }) => {
    [id] = await publish(request, {
      project_id: AUTH_SERVICE,
      count: 1,
      package_type: "npm",
      name: "@platon/e2e-csrf-target",
    });
    await syncCatalog(request);
  });

  test("cannot be made to bulk-delete by a cross-site form post", async ({ page, baseURL }) => {
    // The maintainer could delete it themselves: only the request's origin is wrong.
    const own = await page.request.get(`/api/packages/${id}`);
    expect((await own.json()).can_delete).toBe(true);

    await page.goto(`${SANDBOX_URL}/users/sign_in`);
    const status = await page.evaluate(
      async ({ url, target }) => {
        const res = await fetch(url, {
          method: "POST",
          mode: "no-cors",
          credentials: "include",
          headers: { "content-type": "text/plain" },
          body: JSON.stringify({ ids: [target] }),
        });
        return res.type; // opaque: the attacker cannot read the answer either
      },
      { url: `${baseURL}/api/packages/bulk-delete`, target: id },
    );
    expect(status).toBe("opaque");

    expect(await inGitlab(page.request, AUTH_SERVICE, id)).toBe(true);
    expect((await page.request.get(`/api/packages/${id}`)).status()).toBe(200);
  });

  test("the same request from the portal's own origin would have worked", async ({ page }) => {
    // Control: proves the refusal above was about the origin, not the request's shape.
    await page.goto("/packages");
    const result = await page.evaluate(async (target) => {
      const res = await fetch("/api/packages/bulk-delete", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ids: [target] }),
      });
      return { status: res.status, body: await res.json() };
    }, id);
    expect(result.status).toBe(200);
    expect(result.body.deleted).toBe(1);
    expect(await inGitlab(page.request, AUTH_SERVICE, id)).toBe(false);
  });
});
