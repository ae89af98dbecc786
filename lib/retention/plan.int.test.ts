import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db";
import { bumpCatalogGeneration } from "@/db/catalog-changes";
import { deleteMirroredPackage } from "@/db/queries/package-mirror";
import { POST as draftPreview } from "@/app/api/policies/preview/route";
import { runSync } from "@/lib/sync/sync";
import { resetCatalog, resetSandbox } from "@/lib/testing/catalog-kit";
import { actAs } from "@/lib/testing/delete-kit";
import { policyInputSchema, type PolicyInput } from "@/lib/validations/retention";
import { planFromCatalog } from "./plan";
import { planRetention } from "./planner";
import { previewFor } from "./preview";
import type { CatalogVersion } from "./types";

// The plan read from the catalog the fast way (prefiltered in SQL, streamed package by
// package) must be the planner's answer over every row of the catalog; the preview pages
// and reuses that plan without ever showing one the catalog has moved past.

const ADMIN = {
  id: 1,
  username: "admin",
  name: "Administrator",
  image: null,
  isAdmin: true,
  isExternal: false,
};

const doc = (p: Partial<PolicyInput>) =>
  policyInputSchema.parse({ name: "t", scope: { type: "group", id: 101 }, ...p });

/** Every mirrored version with its files: the planner's input with nothing left out. */
async function everyRow(): Promise<CatalogVersion[]> {
  const q = getSql();
  const rows = await q<
    {
      id: string;
      project_id: string;
      group_path_ids: string[];
      name: string;
      version: string | null;
      package_type: string;
      status: string;
      created_at: Date;
      last_downloaded_at: Date | null;
      size_bytes: string | null;
      version_rank: number;
    }[]
  >`select p.*, j.group_path_ids from packages p join projects j on j.id = p.project_id`;
  const files = await q<
    { id: string; package_id: string; file_name: string; size: string; created_at: Date }[]
  >`select id, package_id, file_name, size, created_at from package_files`;
  const byPackage = new Map<number, NonNullable<CatalogVersion["files"]>>();
  for (const f of files) {
    const list = byPackage.get(Number(f.package_id)) ?? [];
    list.push({
      id: Number(f.id),
      fileName: f.file_name,
      size: Number(f.size),
      createdAt: new Date(f.created_at),
    });
    byPackage.set(Number(f.package_id), list);
  }
  return rows.map((r) => ({
    packageId: Number(r.id),
    projectId: Number(r.project_id),
    groupPathIds: r.group_path_ids.map(Number),
    name: r.name,
    version: r.version,
    packageType: r.package_type,
    status: r.status,
    createdAt: new Date(r.created_at),
    lastDownloadedAt: r.last_downloaded_at === null ? null : new Date(r.last_downloaded_at),
    sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
    versionRank: r.version_rank,
    files: byPackage.get(Number(r.id)) ?? [],
  }));
}

const POLICIES: Partial<PolicyInput>[] = [
  { keep_latest: 2 },
  { older_than_days: 200, keep_newest: false },
  { not_downloaded_days: 30, keep_latest: 1, protect_pattern: "1.*" },
  { package_types: ["npm", "pypi"], prerelease_only: true, keep_latest: 1 },
  { package_types: ["maven"], version_pattern: "*-SNAPSHOT", keep_latest: 1 },
  { version_pattern: "1.*", keep_latest: 1, keep_newest: true },
  { version_pattern: "1.*", keep_latest: 1, keep_newest: false },
  { version_pattern: "{0,2}.*", older_than_days: 30 },
  { name_pattern: "@platon/*", keep_latest: 1 },
  { name_pattern: "*_*", keep_latest: 1 },
  { name_pattern: "!@platon/*", keep_latest: 1 },
  { name_pattern: "*-lib?", version_pattern: "*.0", keep_latest: 1 },
  { keep_latest: 1, keep_duplicate_files: 1 },
  { scope: { type: "group", id: 102 }, keep_latest: 1 },
  { scope: { type: "group", id: 105 }, older_than_days: 10 },
  { scope: { type: "project", id: 10 }, keep_latest: 1, keep_duplicate_files: 1 },
  { scope: { type: "project", id: 999_999 }, keep_latest: 1 },
];

describe("planning from the catalog", () => {
  beforeAll(async () => {
    await resetSandbox();
    await resetCatalog();
    const s = await runSync({ kind: "full", trigger: "test" });
    expect(s.status).toBe("succeeded");
  });

  it("equals the planner over every catalog row, for every kind of filter", async () => {
    const now = new Date();
    const rows = await everyRow();
    expect(rows.length).toBeGreaterThan(50);
    let listed = 0;
    for (const p of POLICIES) {
      const policy = doc(p);
      const plan = await planFromCatalog(policy, now);
      expect(plan, JSON.stringify(p)).toEqual(planRetention(rows, policy, now));
      listed += plan.delete.length + plan.keep.length;
    }
    expect(listed).toBeGreaterThan(100);
  });

  it("also while a package is not ranked yet (the planner orders it itself)", async () => {
    const q = getSql();
    // A package whose highest version lost its rank (a new upload not ranked yet), and a
    // version glob matching only its second highest: keep_newest must still see the real
    // newest (unmatched) rather than take the highest ranked row for it.
    const [top] = await q<{ id: string; second: string }[]>`
      select s.id, s.second from (
        select id, version_rank, lead(version) over w as second,
          max(version_rank) over (partition by project_id, package_type, name) as hi,
          count(*) over (partition by project_id, package_type, name) as n
        from packages where status = 'default'
        window w as (partition by project_id, package_type, name order by version_rank desc)) s
      where s.version_rank = s.hi and s.n >= 3 and s.second ~ '^[0-9A-Za-z.-]+$'
      order by s.id limit 1`;
    await q`update packages set version_rank = 0 where id = ${top.id}`;
    bumpCatalogGeneration(); // written behind the mirror's write path
    const now = new Date();
    const rows = await everyRow();
    for (const p of [
      ...POLICIES.slice(4, 8),
      { version_pattern: top.second, keep_latest: 1, keep_newest: true },
    ]) {
      const policy = doc(p);
      expect(await planFromCatalog(policy, now), JSON.stringify(p)).toEqual(
        planRetention(rows, policy, now),
      );
    }
  });

  it("pages a preview with exact totals, and plans again once the catalog changed", async () => {
    const policy = doc({ keep_latest: 1 });
    const all = await previewFor(ADMIN, policy);
    expect(all.totals.delete).toBe(all.delete.length);
    expect(all.delete.length).toBeGreaterThan(25);
    const pages: number[] = [];
    for (let page = 1; (page - 1) * 10 < all.totals.delete; page++) {
      const one = await previewFor(ADMIN, policy, { page, per_page: 10 });
      expect(one.totals).toEqual(all.totals);
      expect(one.planned_at).toBe(all.planned_at); // the same plan, not planned again
      expect(one.delete.length).toBeLessThanOrEqual(10);
      pages.push(...one.delete.map((d) => d.package_id));
    }
    expect(pages).toEqual(all.delete.map((d) => d.package_id));
    expect(all.delete.every((d) => d.project_path)).toBe(true);

    // A user signing in has their memberships written: what the policy covers has not changed.
    await getSql()`update users set access_refreshed_at = null where username = 'reporter'`;
    const signedIn = await actAs("reporter");
    const [{ at }] = await getSql()<{ at: Date | null }[]>`
      select access_refreshed_at as at from users where id = ${signedIn.user.id}`;
    expect(at).not.toBeNull();
    const afterSignIn = await previewFor(ADMIN, policy, { page: 2, per_page: 10 });
    expect(afterSignIn.planned_at).toBe(all.planned_at);

    // A write to the mirror (as a delete does): the next preview no longer lists that version.
    const gone = all.delete[0].package_id;
    await deleteMirroredPackage(gone);
    const after = await previewFor(ADMIN, policy, { page: 1, per_page: 10 });
    expect(after.totals.delete).toBe(all.totals.delete - 1);
    const everything = await previewFor(ADMIN, policy);
    expect(everything.delete.map((d) => d.package_id)).not.toContain(gone);
  });

  it("refuses bad paging with a 422 naming the parameter", async () => {
    const res = await draftPreview(
      new NextRequest("http://localhost:3999/api/policies/preview?per_page=0", {
        method: "POST",
        headers: { "PRIVATE-TOKEN": "glpat-sandbox-owner", "content-type": "application/json" },
        body: JSON.stringify({ name: "x", scope: { type: "group", id: 101 }, keep_latest: 1 }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toMatch(/per_page/);
  });
});
