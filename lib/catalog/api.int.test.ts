import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getOne } from "@/app/api/packages/[id]/route";
import { GET as list } from "@/app/api/packages/route";
import { POST as cronSync } from "@/app/api/cron/sync/route";
import { env } from "@/lib/env";
import { compareVersions } from "@/lib/versions";
import { resetCatalog, resetSandbox } from "@/lib/testing/catalog-kit";
import { backfillFiles } from "@/lib/sync/files";

type Item = Record<string, unknown> & {
  id: number;
  name: string;
  version: string;
  package_type: string;
};

async function call(
  handler: (
    req: NextRequest,
    ctx: { params: Promise<Record<string, string>> },
  ) => Promise<Response>,
  url: string,
  opts: {
    user?: string;
    params?: Record<string, string>;
    method?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.user) headers["PRIVATE-TOKEN"] = `glpat-sandbox-${opts.user}`;
  const res = await handler(
    new NextRequest(`http://localhost${url}`, { method: opts.method ?? "GET", headers }),
    {
      params: Promise.resolve(opts.params ?? {}),
    },
  );
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { items: Item[]; total: number },
  };
}

describe("GET /api/packages", () => {
  beforeAll(async () => {
    await resetSandbox();
    await resetCatalog();
    const res = await call(cronSync, "/api/cron/sync?kind=full", {
      method: "POST",
      headers: { authorization: `Bearer ${env().cronSecret}` },
    });
    expect(res.status).toBe(200);
    await backfillFiles({ limit: 1000 });
  });

  it("refuses an unknown token", async () => {
    expect(
      (await call(list, "/api/packages", { headers: { "PRIVATE-TOKEN": "glpat-nope" } })).status,
    ).toBe(401);
  });

  it("answers a call with neither cookie nor token with 401 and the error shape", async () => {
    const res = await call(list, "/api/packages");
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: {
        code: "unauthenticated",
        message: "Sign in, or send a GitLab token as Authorization: Bearer or PRIVATE-TOKEN.",
      },
    });
  });

  it("authenticates before it validates: an anonymous bad query is 401, not a 422 naming the schema", async () => {
    const res = await call(list, "/api/packages?per_page=abc&sort=nope");
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: "unauthenticated" });
  });

  it("accepts the token as Authorization: Bearer too", async () => {
    const res = await call(list, "/api/packages?per_page=1", {
      headers: { authorization: "Bearer glpat-sandbox-developer" },
    });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
  });

  it("refuses the cron route without the secret", async () => {
    expect((await call(cronSync, "/api/cron/sync", { method: "POST" })).status).toBe(401);
  });

  it("returns items with exactly the documented fields", async () => {
    const { status, body } = await call(list, "/api/packages?per_page=5", { user: "developer" });
    expect(status).toBe(200);
    expect(body).toMatchObject({ page: 1, per_page: 5 });
    expect(Object.keys(body.items[0]).sort()).toEqual(
      [
        "id",
        "name",
        "version",
        "package_type",
        "status",
        "project_id",
        "project_path",
        "created_at",
        "last_downloaded_at",
        "size_bytes",
        "web_url",
        "can_delete",
      ].sort(),
    );
    expect(String(body.items[0].web_url)).toMatch(/^http:\/\/.+\/-\/packages\/\d+$/);
  });

  it.each([
    ["type=npm,gem", "type"],
    ["per_page=500", "per_page"],
    ["page=0", "page"],
    ["sort=stars", "sort"],
    ["view=grid", "view"],
    ["published_from=soon", "published_from"],
  ])("422 on %s naming the parameter", async (qs, name) => {
    const { status, body } = await call(list, `/api/packages?${qs}`, { user: "developer" });
    expect(status).toBe(422);
    expect(JSON.stringify(body.error)).toContain(`"${name}"`);
  });

  // shared/* is read by its Owner on every GitLab release; a developer (no role there) reads it
  // only through visibility, which a GitLab before 17.10 does not let the portal confirm.
  it("finds a package despite a typo, most relevant first", async () => {
    const { body } = await call(list, `/api/packages?q=${encodeURIComponent("@platon/ui-kti")}`, {
      user: "owner",
    });
    expect(body.items[0].name).toBe("@platon/ui-kit");
  });

  it("searches name plus version prefix", async () => {
    const all = await call(list, `/api/packages?q=platon-cli&type=pypi&per_page=100`, {
      user: "owner",
    });
    const v = all.body.items[0].version;
    const { body } = await call(list, `/api/packages?q=${encodeURIComponent(`platon-cli ${v}`)}`, {
      user: "owner",
    });
    expect(body.items.every((i) => i.version.startsWith(v))).toBe(true);
    expect(body.items.map((i) => i.id)).toContain(all.body.items[0].id);
  });

  it("a version search ranks the exact version first, then newest; pages agree", async () => {
    const all = await call(list, `/api/packages?q=1.0&per_page=100`, { user: "admin" });
    const items = all.body.items as (Item & { created_at: string })[];
    expect(items.length).toBeGreaterThan(10);
    expect(items.every((i) => i.version.startsWith("1.0"))).toBe(true);
    const exact = await call(list, `/api/packages?q=1.0.0&per_page=100`, { user: "admin" });
    const ranked = exact.body.items as (Item & { created_at: string })[];
    const firstOther = ranked.findIndex((i) => i.version !== "1.0.0");
    expect(firstOther).toBeGreaterThan(0);
    expect(ranked.slice(firstOther).every((i) => i.version !== "1.0.0")).toBe(true);
    for (const group of [ranked.slice(0, firstOther), ranked.slice(firstOther)])
      for (let k = 1; k < group.length; k++)
        expect(group[k - 1].created_at >= group[k].created_at).toBe(true);
    const paged: number[] = [];
    for (const page of [1, 2, 3]) {
      const r = await call(list, `/api/packages?q=1.0&per_page=5&page=${page}`, { user: "admin" });
      paged.push(...r.body.items.map((i) => i.id));
    }
    expect(paged).toEqual(items.slice(0, 15).map((i) => i.id));
  });

  it("filters by type and counts per type", async () => {
    const { body } = await call(list, "/api/packages?type=maven&per_page=100", { user: "admin" });
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((i) => i.package_type === "maven")).toBe(true);
    const facets = body.facets as Record<string, number>;
    expect(facets.maven).toBe(body.total);
    expect(Object.keys(facets).length).toBeGreaterThan(1);
  });

  it("folds versions into one row per package with the highest version", async () => {
    // Project 10 is shared/commons; by path and by id it is the same list.
    const byPath = await call(
      list,
      "/api/packages?view=packages&project=shared/commons&per_page=100",
      {
        user: "admin",
      },
    );
    const folded = await call(list, "/api/packages?view=packages&project=10&per_page=100", {
      user: "admin",
    });
    expect(folded.body.items.length).toBeGreaterThan(1);
    expect(byPath.body.items.map((i) => i.id)).toEqual(folded.body.items.map((i) => i.id));
    const names = folded.body.items.map((i) => `${i.package_type}:${i.name}`);
    expect(new Set(names).size).toBe(names.length);
    // Folding means something: some package has more versions than its one row.
    expect(folded.body.items.some((i) => Number(i.versions_count) > 1)).toBe(true);
    const versionRows = await call(list, "/api/packages?view=versions&project=10&per_page=100", {
      user: "admin",
    });
    expect(folded.body.items.reduce((s, i) => s + Number(i.versions_count), 0)).toBe(
      versionRows.body.total,
    );
    for (const row of folded.body.items) {
      const versions = await call(
        list,
        `/api/packages?view=versions&project=10&type=${row.package_type}&q=${encodeURIComponent(row.name)}&per_page=100`,
        { user: "admin" },
      );
      const same = versions.body.items.filter((i) => i.name === row.name);
      expect(same.length).toBeGreaterThan(0);
      expect(row.versions_count).toBe(same.length);
      for (const v of same)
        expect(compareVersions(row.package_type, row.version, v.version)).toBeGreaterThanOrEqual(0);
    }
  });

  it("sorts by size and by last download", async () => {
    const bySize = await call(list, "/api/packages?sort=-size&per_page=20", { user: "admin" });
    const sizes = bySize.body.items.map((i) => Number(i.size_bytes ?? -1));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(new Set(sizes).size).toBeGreaterThan(1);
    // Most recently downloaded first, never-downloaded last.
    const recent = await call(list, "/api/packages?sort=-downloaded&per_page=100", {
      user: "admin",
    });
    const at = recent.body.items.map((i) => i.last_downloaded_at as string | null);
    const stamps = at.filter((t): t is string => t !== null).map((t) => Date.parse(t));
    expect(stamps.length).toBeGreaterThan(1);
    expect(new Set(stamps).size).toBeGreaterThan(1);
    expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
    expect(at.slice(0, stamps.length).every((t) => t !== null)).toBe(true);
    // And the other way: least recently downloaded first.
    const oldest = await call(list, "/api/packages?sort=downloaded&order=asc&per_page=100", {
      user: "admin",
    });
    const asc = oldest.body.items
      .map((i) => i.last_downloaded_at as string | null)
      .filter((t): t is string => t !== null)
      .map((t) => Date.parse(t));
    expect(asc.length).toBeGreaterThan(1);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const never = await call(list, "/api/packages?never_downloaded=true&per_page=100", {
      user: "admin",
    });
    expect(never.body.items.length).toBeGreaterThan(0);
    expect(never.body.items.every((i) => i.last_downloaded_at === null)).toBe(true);
  });

  it("can_delete follows the caller's role", async () => {
    const dev = await call(list, "/api/packages?project=1&per_page=1", { user: "developer" });
    const maint = await call(list, "/api/packages?project=1&per_page=1", { user: "maintainer" });
    expect(dev.body.items[0].can_delete).toBe(false);
    expect(maint.body.items[0].can_delete).toBe(true);
  });
});

describe("GET /api/packages/:id", () => {
  it("returns files and the other versions in ecosystem order", async () => {
    const { body: listBody } = await call(list, "/api/packages?q=ui-kit&type=npm&per_page=1", {
      user: "owner",
    });
    const id = String(listBody.items[0].id);
    const { status, body } = await call(getOne, `/api/packages/${id}`, {
      user: "owner",
      params: { id },
    });
    expect(status).toBe(200);
    const files = body.files as Array<{ size: number; file_sha256: string }>;
    expect(files.length).toBeGreaterThan(0);
    expect(body.size_bytes).toBe(files.reduce((s, f) => s + f.size, 0));
    const versions = (body.versions as Item[]).map((v) => v.version);
    const sorted = [...versions].sort((a, b) => compareVersions("npm", b, a));
    expect(versions).toEqual(sorted);
  });

  it("404 for an unknown id and for a package the caller may not read", async () => {
    expect(
      (await call(getOne, "/api/packages/999999", { user: "developer", params: { id: "999999" } }))
        .status,
    ).toBe(404);
    const { body } = await call(list, "/api/packages?project=1&per_page=1", { user: "admin" });
    const id = String(body.items[0].id);
    expect(
      (await call(getOne, `/api/packages/${id}`, { user: "outsider", params: { id } })).status,
    ).toBe(404);
    expect(
      (await call(getOne, `/api/packages/${id}`, { user: "external", params: { id } })).status,
    ).toBe(200);
  });
});
