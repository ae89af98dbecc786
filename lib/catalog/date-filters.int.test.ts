import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as cronSync } from "@/app/api/cron/sync/route";
import { GET as list } from "@/app/api/packages/route";
import { env } from "@/lib/env";
import { resetCatalog, resetSandbox } from "@/lib/testing/catalog-kit";

// The catalog's date filters, through the route as the portal runs it: after a sync, so
// drizzle shares the postgres.js client (it makes the timestamp serializer pass values
// through — a Date parameter then broke every date filter with a 500).

type Item = { id: number; created_at: string; last_downloaded_at: string | null };
type Body = { items: Item[]; total: number; total_exact: boolean };

async function get(query: string): Promise<{ status: number; body: Body }> {
  const res = await list(
    new NextRequest(`http://localhost/api/packages?${query}`, {
      headers: { "PRIVATE-TOKEN": "glpat-sandbox-admin" },
    }),
    { params: Promise.resolve({}) },
  );
  return { status: res.status, body: (await res.json()) as Body };
}

/** Every page of a query (the fixture has a few hundred versions). */
async function every(query: string): Promise<Item[]> {
  const items: Item[] = [];
  for (let page = 1; ; page++) {
    const res = await get(`${query}&per_page=100&page=${page}`);
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    if (res.body.items.length < 100) return items;
  }
}

const ids = (items: Item[]) => items.map((i) => i.id).sort((a, b) => a - b);

describe("GET /api/packages date filters", () => {
  let all: Item[];
  beforeAll(async () => {
    await resetSandbox();
    await resetCatalog();
    const res = await cronSync(
      new NextRequest("http://localhost/api/cron/sync?kind=full", {
        method: "POST",
        headers: { authorization: `Bearer ${env().cronSecret}` },
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(200);
    all = await every("sort=published");
    expect(all.length).toBeGreaterThan(100);
  });

  const at = (i: Item) => Date.parse(i.created_at);

  it("published_from keeps versions published at or after the instant", async () => {
    const times = all.map(at).sort((a, b) => a - b);
    const from = new Date(times[Math.floor(times.length / 2)]).toISOString();
    const got = await every(`published_from=${encodeURIComponent(from)}`);
    const want = all.filter((i) => at(i) >= Date.parse(from));
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(all.length);
    expect(ids(got)).toEqual(ids(want));
  });

  it("published_to with a bare date includes that whole day", async () => {
    const day = all[Math.floor(all.length / 2)].created_at.slice(0, 10);
    const end = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
    const got = await every(`published_to=${day}`);
    expect(ids(got)).toEqual(ids(all.filter((i) => at(i) < end)));
  });

  it("downloaded_before, alone and with never_downloaded", async () => {
    const downloaded = all.filter((i) => i.last_downloaded_at).map((i) => i.last_downloaded_at!);
    expect(downloaded.length).toBeGreaterThan(1);
    const before = downloaded.sort()[Math.floor(downloaded.length / 2)];
    const dl = (i: Item) => (i.last_downloaded_at ? Date.parse(i.last_downloaded_at) : null);
    const only = await every(`downloaded_before=${encodeURIComponent(before)}`);
    expect(ids(only)).toEqual(
      ids(all.filter((i) => dl(i) !== null && dl(i)! < Date.parse(before))),
    );
    const or = await every(`never_downloaded=true&downloaded_before=${encodeURIComponent(before)}`);
    expect(ids(or)).toEqual(ids(all.filter((i) => dl(i) === null || dl(i)! < Date.parse(before))));
  });

  it("the folded view takes the same filters", async () => {
    const from = new Date(Math.min(...all.map(at)) + 1).toISOString();
    const res = await get(`view=packages&per_page=100&published_from=${encodeURIComponent(from)}`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
  });
});
