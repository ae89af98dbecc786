import { NextRequest } from "next/server";
import postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as list } from "@/app/api/packages/route";
import { getSql } from "@/db";
import { requireDatabaseUrl } from "@/lib/env";
import { attemptPackageDelete } from "@/lib/packages/delete";
import { actAs, resetSandbox, seedMirror, type FixtureUser } from "@/lib/testing/delete-kit";

// The catalog's page cache (db/queries/catalog.ts): a repeated search is answered without the
// database, yet the page is always the one the database would give now — any write to the
// mirror, here or in another replica, drops it — and never another project set's page.

type Item = { id: number; name: string; project_id: number; last_downloaded_at: string | null };
type Page = { items: Item[]; total: number };

async function search(user: FixtureUser, query: string, headers: Record<string, string> = {}) {
  const res = await list(
    new NextRequest(`http://localhost/api/packages?${query}`, {
      headers: { "PRIVATE-TOKEN": `glpat-sandbox-${user}`, ...headers },
    }),
    { params: Promise.resolve({}) },
  );
  expect(res.status).toBe(200);
  return { cache: res.headers.get("x-catalog-cache"), page: (await res.json()) as Page };
}

describe("the catalog's page cache", () => {
  beforeAll(async () => {
    await resetSandbox();
    await seedMirror();
  });

  it("answers a repeated search from the cache, with the same page; no-cache reads afresh", async () => {
    const query = "q=platon&view=versions&sort=name&per_page=50";
    const first = await search("admin", query);
    expect(first.cache).toBe("miss");
    expect(first.page.items.length).toBeGreaterThan(10);
    const again = await search("admin", query);
    expect(again.cache).toBe("hit");
    expect(again.page).toEqual(first.page);
    const reload = await search("admin", query, { "cache-control": "no-cache" });
    expect(reload.cache).toBe("miss");
    expect(reload.page).toEqual(first.page);
  });

  it("never serves one project set's page to a user who reads fewer projects", async () => {
    const query = "view=versions&sort=name&per_page=100";
    const admin = await search("admin", query);
    await search("admin", query).then((r) => expect(r.cache).toBe("hit"));
    const developer = await search("developer", query);
    expect(developer.cache).toBe("miss");
    // The developer's page is the one the database gives them, not the admin's cached one.
    const fresh = await search("developer", query, { "cache-control": "no-cache" });
    expect(fresh.page.total).toBeLessThan(admin.page.total);
    expect(developer.page).toEqual(fresh.page);
    expect(developer.page.items).not.toEqual(admin.page.items);
  });

  it("keeps pages when a user's memberships are refreshed: they change who reads, not what", async () => {
    const query = "q=lib&view=packages&per_page=30";
    const first = await search("admin", query);
    await getSql()`update users set access_refreshed_at = null where id = 5`;
    // The reporter's stale memberships are read again from GitLab and rewritten.
    const reporter = await search("reporter", query);
    const [{ refreshed }] = await getSql()<{ refreshed: Date | null }[]>`
      select access_refreshed_at as refreshed from users where id = 5`;
    expect(refreshed).not.toBeNull();
    expect(reporter.page.total).toBeLessThan(first.page.total);
    const again = await search("admin", query);
    expect(again.cache).toBe("hit");
    expect(again.page).toEqual(first.page);
  });

  it("drops the page when the portal deletes a version: the next search no longer lists it", async () => {
    const query = "project=2&view=versions&sort=published&per_page=100";
    const before = await search("maintainer", query);
    await search("maintainer", query).then((r) => expect(r.cache).toBe("hit"));
    const victim = before.page.items[0];
    const result = await attemptPackageDelete({
      identity: await actAs("maintainer"),
      packageId: victim.id,
      via: "api",
    });
    expect(result.status).toBe("deleted");
    const after = await search("maintainer", query);
    expect(after.cache).toBe("miss");
    expect(after.page.items.map((i) => i.id)).not.toContain(victim.id);
    expect(after.page.total).toBe(before.page.total - 1);
  });

  it("drops the page when another replica writes the mirror and says so", async () => {
    const query = "project=3&view=versions&sort=name&per_page=100";
    const before = await search("admin", query);
    const target = before.page.items[0];
    const when = new Date("2026-01-02T03:04:05.000Z");
    // Another replica: its own connection, its own write, its own notification (not ours).
    const other = postgres(requireDatabaseUrl(), { max: 1, onnotice: () => {} });
    try {
      await other`update packages set last_downloaded_at = ${when} where id = ${target.id}`;
      await other.notify("portal_catalog_changed", "another-replica");
    } finally {
      await other.end();
    }
    // The notification arrives within milliseconds; until then the old page may still answer.
    let after = await search("admin", query);
    for (let i = 0; i < 50 && after.cache === "hit"; i++) {
      await new Promise((r) => setTimeout(r, 20));
      after = await search("admin", query);
    }
    expect(after.cache).toBe("miss");
    const seen = after.page.items.find((i) => i.id === target.id);
    expect(seen?.last_downloaded_at).toBe(when.toISOString());
  });
});
