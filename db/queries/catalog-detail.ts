import { getSql } from "@/db";
import { sortVersionsDesc } from "@/lib/versions";
import { readableProjects, type Reader } from "./catalog-access";
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
};

export type GroupSummary = {
  id: number;
  fullPath: string;
  name: string;
  webUrl: string;
  parentId: number | null;
} & ScopeSummary;

/** Totals for a scope: packages (series), versions, bytes, per type, newest, stale (user.staleAfterDays or never). */
async function summarize(
  user: Reader,
  scope: { groupId?: number; projectId?: number },
): Promise<ScopeSummary> {
  const sql = getSql();
  const where =
    scope.groupId !== undefined
      ? sql`j.group_path_ids @> ${sql.array([scope.groupId])}::bigint[]`
      : sql`p.project_id = ${scope.projectId ?? -1}`;
  const rows = await sql<
    {
      package_type: string;
      versions: number;
      series: number;
      bytes: string;
      unknown: number;
      newest: Date | null;
      stale: number;
    }[]
  >`
    with readable as (${readableProjects(sql, user)})
    select p.package_type, count(*)::int as versions,
      count(distinct (p.project_id, p.name))::int as series,
      coalesce(sum(p.size_bytes), 0) as bytes, count(*) filter (where p.size_bytes is null)::int as unknown,
      max(p.created_at) as newest,
      count(*) filter (where p.last_downloaded_at is null or p.last_downloaded_at < now() - make_interval(days => ${user.staleAfterDays}))::int as stale
    from packages p join readable r on r.id = p.project_id join projects j on j.id = p.project_id
    where ${where} group by p.package_type`;
  const perType = Object.fromEntries(
    rows.map((r) => [r.package_type, { versions: r.versions, bytes: Number(r.bytes) }]),
  );
  const newest = rows.reduce<Date | null>((m, r) => {
    const d = toDateOrNull(r.newest);
    return d && (!m || d > m) ? d : m;
  }, null);
  const sum = (k: "versions" | "series" | "unknown" | "stale") =>
    rows.reduce((s, r) => s + r[k], 0);
  return {
    packages: sum("series"),
    versions: sum("versions"),
    bytes: rows.reduce((s, r) => s + Number(r.bytes), 0),
    bytesUnknown: sum("unknown"),
    perType,
    newest,
    stale: sum("stale"),
  };
}

/** Groups that hold at least one package the user may read, with their counts. */
export async function listGroupSummaries(user: Reader): Promise<Array<GroupSummary>> {
  const sql = getSql();
  const rows = await sql<
    {
      id: string;
      full_path: string;
      name: string;
      web_url: string;
      parent_id: string | null;
      versions: number;
      series: number;
      bytes: string;
      unknown: number;
      newest: Date | null;
      stale: number;
    }[]
  >`
    with readable as (${readableProjects(sql, user)}),
    v as (select p.*, j.group_path_ids from packages p join readable r on r.id = p.project_id
          join projects j on j.id = p.project_id)
    select g.id, g.full_path, g.name, g.web_url, g.parent_id, count(v.id)::int as versions,
      count(distinct (v.project_id, v.package_type, v.name))::int as series,
      coalesce(sum(v.size_bytes), 0) as bytes, count(v.id) filter (where v.size_bytes is null)::int as unknown,
      max(v.created_at) as newest,
      count(v.id) filter (where v.last_downloaded_at is null or v.last_downloaded_at < now() - make_interval(days => ${user.staleAfterDays}))::int as stale
    from groups g join v on v.group_path_ids @> array[g.id]
    group by g.id order by g.full_path`;
  return rows.map((r) => ({
    id: Number(r.id),
    fullPath: r.full_path,
    name: r.name,
    webUrl: r.web_url,
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    packages: r.series,
    versions: r.versions,
    bytes: Number(r.bytes),
    bytesUnknown: r.unknown,
    perType: {},
    newest: toDateOrNull(r.newest),
    stale: r.stale,
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

/** Packages in a scope not downloaded for user.staleAfterDays (or never), oldest download first. */
export async function listStalePackages(
  user: Reader,
  scope: { groupId?: number; projectId?: number },
  limit = 10,
) {
  const sql = getSql();
  const where =
    scope.groupId !== undefined
      ? sql`j.group_path_ids @> ${sql.array([scope.groupId])}::bigint[]`
      : sql`p.project_id = ${scope.projectId ?? -1}`;
  const rows = await sql`
    with readable as (${readableProjects(sql, user)})
    select ${packageColumns(sql)} from packages p join readable r on r.id = p.project_id
    join projects j on j.id = p.project_id
    where ${where} and (p.last_downloaded_at is null or p.last_downloaded_at < now() - make_interval(days => ${user.staleAfterDays}))
    order by p.last_downloaded_at asc nulls first, p.created_at asc limit ${limit}`;
  return rows.map((r) => toPackageRow(r as never));
}
