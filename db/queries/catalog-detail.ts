import { getSql } from "@/db";
import { sortVersionsDesc } from "@/lib/versions";
import { packagesGeneration } from "../catalog-changes";
import { projectSetKey, readableProjectSet, readableProjects, type Reader } from "./catalog-access";
import { TtlCache } from "./catalog-cache";
import { inScope } from "./catalog-filters";
import { scopeFilter, staleCutoff } from "./catalog-scope";
import {
  packageColumns,
  toDate,
  toDateOrNull,
  toPackageRow,
  type PackageRow,
} from "./catalog-rows";

// One package with its files and sibling versions, and the group/project summaries —
// all behind the same readable-projects filter as the list.

export type PackageFile = {
  id: number;
  fileName: string;
  size: number;
  fileMd5: string | null;
  fileSha1: string | null;
  fileSha256: string | null;
  createdAt: Date;
};

export type PackageDetail = PackageRow & { files: PackageFile[]; versions: PackageRow[] };

export async function getPackage({
  user,
  id,
}: {
  user: Reader;
  id: number;
}): Promise<PackageDetail | null> {
  const sql = getSql();
  const [row] = await sql`
    with readable as (${readableProjects(sql, user)})
    select ${packageColumns(sql)} from packages p join readable r on r.id = p.project_id
    join projects j on j.id = p.project_id where p.id = ${id}`;
  if (!row) return null;
  const pkg = toPackageRow(row as never);
  const [files, siblings] = await Promise.all([
    sql`select id, file_name, size, file_md5, file_sha1, file_sha256, created_at from package_files
        where package_id = ${id} order by file_name, id`,
    sql`with readable as (${readableProjects(sql, user)})
        select ${packageColumns(sql)} from packages p join readable r on r.id = p.project_id
        join projects j on j.id = p.project_id
        where p.project_id = ${pkg.projectId} and p.package_type = ${pkg.packageType} and p.name = ${pkg.name}
          and p.id <> ${id}`,
  ]);
  const versions = sortVersionsDesc(
    pkg.packageType,
    siblings.map((s) => toPackageRow(s as never)),
    (v) => v.version,
    (v) => v.createdAt,
  );
  return {
    ...pkg,
    files: files.map((f) => ({
      id: Number(f.id),
      fileName: f.file_name,
      size: Number(f.size),
      fileMd5: f.file_md5,
      fileSha1: f.file_sha1,
      fileSha256: f.file_sha256,
      createdAt: toDate(f.created_at),
    })),
    versions,
  };
}

export type ScopeSummary = {
  packages: number;
  versions: number;
  bytes: number;
  bytesUnknown: number;
  perType: Record<string, { versions: number; bytes: number }>;
  newest: Date | null;
  stale: number;
  /** More than `stale` (STALE_CAP) versions are stale. */
  staleCapped: boolean;
};

export const STALE_CAP = 10_000;

export type GroupSummary = {
  id: number;
  fullPath: string;
  name: string;
  webUrl: string;
  parentId: number | null;
} & ScopeSummary;

type StatsRow = {
  package_type: string;
  versions: string;
  series: string;
  bytes: string;
  unknown: string;
  newest: Date | null;
};

// A scope's stale count, by its exact project set and the reader's threshold: up to 10 001
// versions read (22-25 ms for a 500-project group at 100 000 versions), on every load of a
// group or project page. Kept until the mirror changes, and for at most a minute: versions
// crossing the threshold as the clock moves are counted within a minute.
const staleCounts = new TtlCache<number>(60_000, {
  generation: packagesGeneration,
  maxEntries: 1000,
});

/**
 * Totals for a scope: packages (series), versions, bytes, per type, newest — summed from
 * project_type_stats (kept by triggers on packages) over the user's readable projects in the
 * scope, so exact per user and a few rows per project to read. Stale depends on the reader's
 * threshold and the clock, so it is counted from the versions themselves (staleCounts).
 */
async function summarize(
  user: Reader,
  scope: { groupId?: number; projectId?: number },
): Promise<ScopeSummary> {
  const sql = getSql();
  const { ids, where } = await scopeFilter(sql, user, scope);
  const [rows, stale] = await Promise.all([
    sql<StatsRow[]>`
      select s.package_type, sum(s.versions) as versions, sum(s.series) as series,
        sum(s.bytes) as bytes, sum(s.unknown_size) as unknown, max(s.newest_at) as newest
      from project_type_stats s
      where ${inScope(sql, { ids }, sql`s.project_id`)} group by s.package_type`,
    // Bounded: counted up to STALE_CAP (+1 to know it is more), so a whole-catalog group costs
    // the same as a small one; the page says "10,000+" beyond it.
    ids.length
      ? staleCounts.getOrCompute(`${user.staleAfterDays}|${projectSetKey(ids)}`, async () => {
          const [r] = await sql<{ stale: number }[]>`
            select count(*)::int as stale from (
              select 1 from packages p where ${where}
                and (p.last_downloaded_at is null or p.last_downloaded_at < ${staleCutoff(sql, user)})
              limit ${STALE_CAP + 1}) s`;
          return r.stale;
        })
      : 0,
  ]);
  const perType = Object.fromEntries(
    rows.map((r) => [r.package_type, { versions: Number(r.versions), bytes: Number(r.bytes) }]),
  );
  const newest = rows.reduce<Date | null>((m, r) => {
    const d = toDateOrNull(r.newest);
    return d && (!m || d > m) ? d : m;
  }, null);
  const sum = (k: "versions" | "series" | "unknown" | "bytes") =>
    rows.reduce((s, r) => s + Number(r[k]), 0);
  return {
    packages: sum("series"),
    versions: sum("versions"),
    bytes: sum("bytes"),
    bytesUnknown: sum("unknown"),
    perType,
    newest,
    stale: Math.min(stale, STALE_CAP),
    staleCapped: stale > STALE_CAP,
  };
}

type GroupListing = Omit<GroupSummary, "stale" | "staleCapped">;

// Per readable project set: the groups list is the same for everyone who reads exactly those
// projects, and changes only when the mirror's packages, projects or groups do (the
// per-project aggregates it sums are kept by triggers, migration 0007). Memberships change
// which set a user reads, never a set's sums.
const groupListCache = new TtlCache<GroupListing[]>(60_000, {
  maxEntries: 200,
  generation: packagesGeneration,
});

/**
 * Groups that hold at least one package the user may read, with their counts (subgroups
 * included): project_type_stats over the readable projects, each added to every group on its
 * path. No per-version work, so the groups page and the catalog's group filter stay flat in
 * the catalog's size.
 */
export async function listGroupSummaries(user: Reader): Promise<GroupListing[]> {
  const sql = getSql();
  const readable = await readableProjectSet(sql, user);
  return groupListCache.getOrCompute(readable.key, () => sumGroups(readable.ids));
}

async function sumGroups(projectIds: number[]): Promise<GroupListing[]> {
  if (!projectIds.length) return [];
  const sql = getSql();
  const rows = await sql<
    {
      id: string;
      full_path: string;
      name: string;
      web_url: string;
      parent_id: string | null;
      versions: string;
      series: string;
      bytes: string;
      unknown: string;
      newest: Date | null;
    }[]
  >`
    with per_project as (
      select s.project_id, sum(s.versions) as versions, sum(s.series) as series,
        sum(s.bytes) as bytes, sum(s.unknown_size) as unknown, max(s.newest_at) as newest
      from project_type_stats s where s.project_id = any(${projectIds}::bigint[])
      group by s.project_id)
    select g.id, g.full_path, g.name, g.web_url, g.parent_id, sum(pp.versions) as versions,
      sum(pp.series) as series, sum(pp.bytes) as bytes, sum(pp.unknown) as unknown,
      max(pp.newest) as newest
    from per_project pp join projects j on j.id = pp.project_id
    cross join lateral unnest(j.group_path_ids) as gid
    join groups g on g.id = gid
    group by g.id order by g.full_path`;
  return rows.map((r) => ({
    id: Number(r.id),
    fullPath: r.full_path,
    name: r.name,
    webUrl: r.web_url,
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    packages: Number(r.series),
    versions: Number(r.versions),
    bytes: Number(r.bytes),
    bytesUnknown: Number(r.unknown),
    perType: {},
    newest: toDateOrNull(r.newest),
  }));
}

export async function getGroupSummary(user: Reader, ref: number) {
  const sql = getSql();
  const [g] = await sql<
    { id: string; full_path: string; name: string; web_url: string; parent_id: string | null }[]
  >`
    select id, full_path, name, web_url, parent_id from groups where id = ${ref}`;
  if (!g) return null;
  const summary = await summarize(user, { groupId: Number(g.id) });
  // A group none of whose packages the user may read is "not found" for them.
  if (summary.versions === 0 && !user.isAdmin) return null;
  return {
    id: Number(g.id),
    fullPath: g.full_path,
    name: g.name,
    webUrl: g.web_url,
    parentId: g.parent_id ? Number(g.parent_id) : null,
    ...summary,
  };
}

export async function getProjectSummary(user: Reader, id: number) {
  const sql = getSql();
  const [p] = await sql<
    {
      id: string;
      path_with_namespace: string;
      name: string;
      web_url: string;
      group_id: string | null;
      visibility: string;
      registry_access_level: string;
    }[]
  >`
    with readable as (${readableProjects(sql, user)})
    select j.id, j.path_with_namespace, j.name, j.web_url, j.group_id, j.visibility, j.registry_access_level
    from projects j join readable r on r.id = j.id where j.id = ${id}`;
  if (!p) return null;
  return {
    id: Number(p.id),
    pathWithNamespace: p.path_with_namespace,
    name: p.name,
    webUrl: p.web_url,
    groupId: p.group_id ? Number(p.group_id) : null,
    visibility: p.visibility,
    registryAccessLevel: p.registry_access_level,
    ...(await summarize(user, { projectId: id })),
  };
}
