import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db";
import { bumpCatalogGeneration } from "@/db/catalog-changes";
import { readableProjects, type Reader } from "@/db/queries/catalog-access";
import type { Frag } from "@/db/queries/catalog-filters";
import {
  getGroupSummary,
  getProjectSummary,
  listGroupSummaries,
} from "@/db/queries/catalog-detail";
import { listStalePackages } from "@/db/queries/catalog-scope";
import { deleteMirroredPackage } from "@/db/queries/package-mirror";
import { refreshUserAccess } from "@/lib/access/memberships";
import { toReader } from "@/lib/access/reader";
import { authenticateToken } from "@/lib/auth/api-token";
import { backfillFiles } from "@/lib/sync/files";
import { runSync } from "@/lib/sync/sync";
import { publishPackages, resetCatalog, resetSandbox } from "@/lib/testing/catalog-kit";

// The group/project aggregates (project_type_stats, kept by triggers on packages) must equal
// what the versions themselves add up to, per user's readable set, after every kind of write:
// a full and an incremental sync, the file backfill, a delete and a membership change.

const USERS = ["admin", "developer", "external", "outsider"];

async function reader(user: string): Promise<{ reader: Reader; id: number }> {
  const { user: me } = await authenticateToken({ token: `glpat-sandbox-${user}`, kind: "pat" });
  return { reader: toReader(me), id: me.id };
}

/** The reference: every readable version, grouped by each group on its project's path. */
async function fromVersions(r: Reader) {
  const sql = getSql();
  const rows = await sql<
    { id: string; versions: number; series: number; bytes: string; unknown: number; newest: Date }[]
  >`
    with readable as (${readableProjects(sql, r)})
    select g.id, count(*)::int as versions,
      count(distinct (p.project_id, p.package_type, p.name))::int as series,
      coalesce(sum(p.size_bytes), 0) as bytes, count(*) filter (where p.size_bytes is null)::int as unknown,
      max(p.created_at) as newest
    from packages p join readable x on x.id = p.project_id join projects j on j.id = p.project_id
    join groups g on j.group_path_ids @> array[g.id] group by g.id order by g.id`;
  return rows.map((g) => ({
    id: Number(g.id),
    versions: g.versions,
    packages: g.series,
    bytes: Number(g.bytes),
    bytesUnknown: g.unknown,
    newest: new Date(g.newest).toISOString(),
  }));
}

async function fromAggregates(r: Reader) {
  return (await listGroupSummaries(r))
    .map((g) => ({
      id: g.id,
      versions: g.versions,
      packages: g.packages,
      bytes: g.bytes,
      bytesUnknown: g.bytesUnknown,
      newest: g.newest?.toISOString(),
    }))
    .sort((a, b) => a.id - b.id);
}

async function expectExact(users = USERS) {
  for (const u of users) {
    const { reader: r } = await reader(u);
    const [expected, actual] = await Promise.all([fromVersions(r), fromAggregates(r)]);
    expect(expected.length, `${u} reads some group`).toBeGreaterThan(0);
    expect(actual, `aggregates for ${u}`).toEqual(expected);
  }
}

describe("catalog aggregates stay exact", () => {
  beforeAll(async () => {
    await resetSandbox();
    await resetCatalog();
    const s = await runSync({ kind: "full", trigger: "test", newFilesLimit: 10 });
    expect(s.status).toBe("succeeded");
  });
  afterAll(async () => {
    await resetSandbox();
  });

  it("after a full sync (some sizes known, most unknown)", async () => {
    await expectExact();
    const [{ unknown }] = await getSql()<{ unknown: number }[]>`
      select count(*)::int as unknown from packages where size_bytes is null`;
    expect(unknown).toBeGreaterThan(0);
  });

  it("after an incremental sync that adds versions", async () => {
    await publishPackages({ project_id: 10, count: 7, package_type: "npm", name: "@platon/agg" });
    const s = await runSync({ kind: "incremental", trigger: "test", newFilesLimit: 0 });
    expect(s.status).toBe("succeeded");
    await expectExact();
  });

  it("after the file backfill fills sizes in", async () => {
    const r = await backfillFiles({ limit: 50, concurrency: 2 });
    expect(r.fetched).toBeGreaterThan(0);
    await expectExact();
  });

  it("after a delete (the newest version of a group goes)", async () => {
    const [victim] = await getSql()<{ id: string }[]>`
      select id from packages where size_bytes is not null order by created_at desc limit 1`;
    await deleteMirroredPackage(Number(victim.id));
    await expectExact();
  });

  it("after a version's date or project changes (newest and counts move with it)", async () => {
    // No write path of the portal moves a version today; the trigger must still keep up.
    const sql = getSql();
    const [v] = await sql<{ id: string; project_id: string }[]>`
      select id, project_id from packages order by created_at asc limit 1`;
    await sql`update packages set created_at = now() + interval '1 day' where id = ${v.id}`;
    bumpCatalogGeneration(); // written behind the mirror's write path: caches must re-read
    await expectExact();
    const [other] = await sql<{ id: string }[]>`
      select id from projects where id <> ${v.project_id} and id in (select project_id from packages)
      order by id limit 1`;
    await sql`update packages set project_id = ${other.id} where id = ${v.id}`;
    bumpCatalogGeneration();
    await expectExact();
  });

  it("after a membership change, per user", async () => {
    const { user, gitlab } = await authenticateToken({
      token: "glpat-sandbox-external",
      kind: "pat",
    });
    const { reader: r } = await reader("external");
    const before = await fromAggregates(r);
    await getSql()`delete from user_project_access where user_id = ${user.id}`;
    bumpCatalogGeneration();
    const without = await fromAggregates(r);
    expect(without).not.toEqual(before);
    await expectExact(["external"]);
    await refreshUserAccess(user.id, gitlab);
    expect(await fromAggregates(r)).toEqual(before);
    await expectExact(["external"]);
  });

  it("a group page's totals come from the same aggregates", async () => {
    const { reader: r } = await reader("developer");
    const [first] = await fromVersions(r);
    const g = await getGroupSummary(r, first.id);
    expect(g?.versions).toBe(first.versions);
    expect(g?.bytes).toBe(first.bytes);
  });

  it("a group's and a project's stale count: the reader's stale versions, under its threshold", async () => {
    const sql = getSql();
    /** Every stale version the reader may read in the scope, counted from the versions. */
    const staleIn = async (r: Reader, scope: Frag) => {
      const [x] = await sql<{ n: number }[]>`
        select count(*)::int as n from packages p join projects j on j.id = p.project_id
        where ${scope} and p.project_id in (select id from (${readableProjects(sql, r)}) x)
          and (p.last_downloaded_at is null
            or p.last_downloaded_at < now() - make_interval(days => ${r.staleAfterDays}))`;
      return x.n;
    };
    const inGroup = sql`j.group_path_ids @> array[101]::bigint[]`;
    const inProject = sql`p.project_id = 2`;
    for (const user of ["admin", "developer"]) {
      const { reader: r } = await reader(user);
      // Another threshold is another count (a day: nearly every version is stale).
      for (const days of [r.staleAfterDays, 1]) {
        const me = { ...r, staleAfterDays: days };
        const group = await getGroupSummary(me, 101);
        expect(group?.stale, `${user}, ${days} days`).toBe(await staleIn(me, inGroup));
        expect(group?.staleCapped).toBe(false);
        const project = await getProjectSummary(me, 2);
        expect(project?.stale, `${user}, ${days} days`).toBe(await staleIn(me, inProject));
      }
    }
    // Deleting a stale version (through the portal's write path) counts one fewer.
    const { reader: r } = await reader("admin");
    const before = (await getGroupSummary(r, 101))!.stale;
    expect(before).toBeGreaterThan(0);
    const [victim] = await sql<{ id: string }[]>`
      select p.id from packages p join projects j on j.id = p.project_id
      where ${inGroup} and p.last_downloaded_at is null order by p.id limit 1`;
    await deleteMirroredPackage(Number(victim.id));
    expect((await getGroupSummary(r, 101))!.stale).toBe(before - 1);
  });

  it("a scope page's stale list: oldest download first, only readable projects", async () => {
    const { reader: r } = await reader("developer");
    const readable = new Set(
      (await getSql()<{ id: string }[]>`select id from (${readableProjects(getSql(), r)}) x`).map(
        (x) => Number(x.id),
      ),
    );
    const group = await listStalePackages(r, { groupId: 101 }, 10);
    expect(group.length).toBe(10);
    for (const p of group) expect(readable.has(p.projectId)).toBe(true);
    const project = await listStalePackages(r, { projectId: 2 }, 5);
    expect(project.length).toBeGreaterThan(0);
    for (const p of project) expect(p.projectId).toBe(2);
    const times = group.map((p) => p.lastDownloadedAt?.getTime() ?? -Infinity);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Exactly the first ten of every stale readable version in the group, in that order.
    const all = await getSql()<{ id: string }[]>`
      select p.id from packages p join projects j on j.id = p.project_id
      where j.group_path_ids @> array[101]::bigint[] and p.project_id = any(${[...readable]})
        and (p.last_downloaded_at is null
          or p.last_downloaded_at < now() - make_interval(days => ${r.staleAfterDays}))
      order by p.last_downloaded_at asc nulls first, p.created_at, p.id limit 10`;
    expect(group.map((p) => p.id)).toEqual(all.map((x) => Number(x.id)));
  });
});
