import { getSql } from "@/db";
import { readableProjectSet, type Reader } from "./catalog-access";

// What the registry health report reads from the catalog mirror, always narrowed to the projects
// the reader may read inside the scope (a group with its subgroups, or one project).

export type HealthScope = { kind: "group" | "project"; id: number };

async function scopeIds(reader: Reader, scope: HealthScope): Promise<number[]> {
  const sql = getSql();
  const readable = await readableProjectSet(sql, reader);
  const rows =
    scope.kind === "project"
      ? await sql<{ id: string }[]>`select id from projects where id = ${scope.id}`
      : await sql<{ id: string }[]>`
          select id from projects where group_path_ids @> array[${scope.id}]::bigint[]`;
  const allowed = new Set(readable.ids);
  return rows.map((r) => Number(r.id)).filter((id) => allowed.has(id));
}

export type HealthProject = {
  id: number;
  path: string;
  registryAccessLevel: string;
  rootPath: string | null;
  /** an enabled retention policy covers it (its own, or one of a group it sits in) */
  hasRetentionPolicy: boolean;
};
export type HealthVersion = {
  id: number;
  projectId: number;
  name: string;
  version: string | null;
  packageType: string;
};
export type HealthSeries = {
  projectId: number;
  name: string;
  packageType: string;
  versionCount: number;
  totalSize: number | null;
  lastDownloadedAt: Date | null;
};
export type DuplicateFile = {
  packageId: number;
  projectId: number;
  name: string;
  version: string | null;
  fileName: string;
  copies: number;
};

export type HealthData = {
  projects: HealthProject[];
  versions: HealthVersion[];
  series: HealthSeries[];
  duplicates: DuplicateFile[];
};

/** Everything the report needs for the scope, in four queries. */
export async function getHealthData(reader: Reader, scope: HealthScope): Promise<HealthData> {
  const sql = getSql();
  const ids = await scopeIds(reader, scope);
  if (ids.length === 0) return { projects: [], versions: [], series: [], duplicates: [] };
  const [projects, versions, series, duplicates] = await Promise.all([
    sql<{ id: string; path: string; level: string; root: string | null; covered: boolean }[]>`
      select j.id, j.path_with_namespace as path, j.registry_access_level as level,
        (select g.full_path from groups g where g.id = j.group_path_ids[1]) as root,
        exists (
          select 1 from retention_policies rp
          where rp.enabled and rp.suspended_reason is null
            and ((rp.scope_type = 'project' and rp.scope_id = j.id)
              or (rp.scope_type = 'group' and rp.scope_id = any(j.group_path_ids)))
        ) as covered
      from projects j where j.id = any(${ids}::bigint[]) order by j.path_with_namespace`,
    sql<
      {
        id: string;
        project_id: string;
        name: string;
        version: string | null;
        package_type: string;
      }[]
    >`
      select id, project_id, name, version, package_type from packages
      where project_id = any(${ids}::bigint[]) and status <> 'pending_destruction'`,
    sql<
      {
        project_id: string;
        name: string;
        package_type: string;
        version_count: number;
        total_size: string | null;
        last_downloaded_at: Date | null;
      }[]
    >`
      select project_id, name, package_type, version_count, total_size, last_downloaded_at
      from package_series where project_id = any(${ids}::bigint[])`,
    sql<
      {
        package_id: string;
        project_id: string;
        name: string;
        version: string | null;
        file_name: string;
        copies: number;
      }[]
    >`
      select p.id as package_id, p.project_id, p.name, p.version, f.file_name, count(*)::int as copies
      from package_files f join packages p on p.id = f.package_id
      where p.project_id = any(${ids}::bigint[])
      group by p.id, p.project_id, p.name, p.version, f.file_name having count(*) > 1
      order by copies desc, p.id limit 200`,
  ]);
  return {
    projects: projects.map((r) => ({
      id: Number(r.id),
      path: r.path,
      registryAccessLevel: r.level,
      rootPath: r.root,
      hasRetentionPolicy: r.covered,
    })),
    versions: versions.map((r) => ({
      id: Number(r.id),
      projectId: Number(r.project_id),
      name: r.name,
      version: r.version,
      packageType: r.package_type,
    })),
    series: series.map((r) => ({
      projectId: Number(r.project_id),
      name: r.name,
      packageType: r.package_type,
      versionCount: r.version_count,
      totalSize: r.total_size === null ? null : Number(r.total_size),
      lastDownloadedAt: r.last_downloaded_at,
    })),
    duplicates: duplicates.map((r) => ({
      packageId: Number(r.package_id),
      projectId: Number(r.project_id),
      name: r.name,
      version: r.version,
      fileName: r.file_name,
      copies: r.copies,
    })),
  };
}
