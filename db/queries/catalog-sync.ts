import { getSql } from "@/db";
import { writeCatalog } from "../catalog-changes";
import type { SeriesKey } from "./package-series";

// Bulk writes of catalog sync. Raw postgres.js because each is one statement over arrays
// (unnest / multi-row INSERT … ON CONFLICT), which keeps a 100-row page to one round trip.
// Every write goes through writeCatalog: caches in every process drop after it commits.

export type GroupRow = {
  id: number;
  parentId: number | null;
  fullPath: string;
  name: string;
  visibility: string;
  webUrl: string;
};

export type ProjectRow = {
  id: number;
  groupId: number;
  groupPathIds: number[];
  pathWithNamespace: string;
  name: string;
  visibility: string;
  registryAccessLevel: string;
  webUrl: string;
};

export type SyncedPackageRow = {
  id: number;
  projectId: number;
  name: string;
  version: string | null;
  packageType: string;
  status: string;
  createdAt: string;
  lastDownloadedAt: string | null;
  webPath: string | null;
  pipeline: unknown;
};

export type KnownPackage = { id: number; status: string; lastDownloadedAt: Date | null };

export async function upsertGroups(rows: GroupRow[]): Promise<void> {
  if (!rows.length) return;
  const sql = getSql();
  await writeCatalog(async () => {
    // full_path is unique: a group renamed into a path another (deleted) group held frees it first.
    await sql`delete from groups where full_path in ${sql(rows.map((r) => r.fullPath))}
    and id not in ${sql(rows.map((r) => r.id))}`;
    await sql`
    insert into groups ${sql(
      rows.map((r) => ({
        id: r.id,
        parent_id: r.parentId,
        full_path: r.fullPath,
        name: r.name,
        visibility: r.visibility,
        web_url: r.webUrl,
      })),
    )}
    on conflict (id) do update set parent_id = excluded.parent_id, full_path = excluded.full_path,
      name = excluded.name, visibility = excluded.visibility, web_url = excluded.web_url, synced_at = now()`;
  });
}

export async function upsertProjects(rows: ProjectRow[]): Promise<void> {
  if (!rows.length) return;
  const sql = getSql();
  await writeCatalog(
    () => sql`
    insert into projects ${sql(
      rows.map((r) => ({
        id: r.id,
        group_id: r.groupId,
        group_path_ids: r.groupPathIds,
        path_with_namespace: r.pathWithNamespace,
        name: r.name,
        visibility: r.visibility,
        registry_access_level: r.registryAccessLevel,
        web_url: r.webUrl,
      })),
    )}
    on conflict (id) do update set group_id = excluded.group_id, group_path_ids = excluded.group_path_ids,
      path_with_namespace = excluded.path_with_namespace, name = excluded.name,
      visibility = excluded.visibility, registry_access_level = excluded.registry_access_level,
      web_url = excluded.web_url, synced_at = now()`,
  );
}

export async function knownPackages(ids: number[]): Promise<Map<number, KnownPackage>> {
  if (!ids.length) return new Map();
  const sql = getSql();
  const rows = await sql<{ id: string; status: string; last_downloaded_at: Date | null }[]>`
    select id, status, last_downloaded_at from packages where id in ${sql(ids)}`;
  return new Map(
    rows.map((r) => [
      Number(r.id),
      { id: Number(r.id), status: r.status, lastDownloadedAt: r.last_downloaded_at },
    ]),
  );
}

/** One multi-row upsert per page. Ranks and file data are left alone (owned by other steps). */
export async function upsertPackages(rows: SyncedPackageRow[]): Promise<void> {
  if (!rows.length) return;
  const sql = getSql();
  await writeCatalog(
    () => sql`
    insert into packages ${sql(
      rows.map((r) => ({
        id: r.id,
        project_id: r.projectId,
        name: r.name,
        version: r.version,
        package_type: r.packageType,
        status: r.status,
        created_at: r.createdAt,
        last_downloaded_at: r.lastDownloadedAt,
        web_path: r.webPath,
        pipeline: r.pipeline ? JSON.stringify(r.pipeline) : null,
      })),
    )}
    on conflict (id) do update set project_id = excluded.project_id, name = excluded.name,
      version = excluded.version, package_type = excluded.package_type, status = excluded.status,
      created_at = excluded.created_at, last_downloaded_at = excluded.last_downloaded_at,
      web_path = excluded.web_path, pipeline = excluded.pipeline, synced_at = now(),
      -- a changed name/version moves the row to another series: rank it again
      version_rank = case when packages.name is distinct from excluded.name
        or packages.version is distinct from excluded.version then 0 else packages.version_rank end`,
  );
}

export async function packagesOfProjects(
  projectIds: number[],
): Promise<{ id: number; projectId: number }[]> {
  if (!projectIds.length) return [];
  const sql = getSql();
  const rows = await sql<{ id: string; project_id: string }[]>`
    select id, project_id from packages where project_id in ${sql(projectIds)}`;
  return rows.map((r) => ({ id: Number(r.id), projectId: Number(r.project_id) }));
}

export async function countPackages(projectIds?: number[]): Promise<number> {
  const sql = getSql();
  if (projectIds && !projectIds.length) return 0;
  const [{ n }] = projectIds
    ? await sql<{ n: number }[]>`
        select count(*)::int as n from packages where project_id in ${sql(projectIds)}`
    : await sql<{ n: number }[]>`select count(*)::int as n from packages`;
  return n;
}

export async function projectIdsOfGroup(groupId: number): Promise<number[]> {
  const sql = getSql();
  const rows = await sql<{ id: string }[]>`select id from projects where group_id = ${groupId}`;
  return rows.map((r) => Number(r.id));
}

export async function projectIdsOfGroups(groupIds: number[]): Promise<number[]> {
  if (!groupIds.length) return [];
  const sql = getSql();
  const rows = await sql<{ id: string }[]>`
    select id from projects where group_id in ${sql(groupIds)}`;
  return rows.map((r) => Number(r.id));
}

/** Stored groups other than `keep` (the ones discovery did not list this run). */
export async function groupsExcept(keep: number[]): Promise<{ id: number; fullPath: string }[]> {
  const sql = getSql();
  const rows = keep.length
    ? await sql<{ id: string; full_path: string }[]>`
        select id, full_path from groups where id not in ${sql(keep)}`
    : await sql<{ id: string; full_path: string }[]>`select id, full_path from groups`;
  return rows.map((r) => ({ id: Number(r.id), fullPath: r.full_path }));
}

/** Removes projects (their packages go by cascade). */
export async function deleteProjects(ids: number[]): Promise<void> {
  if (!ids.length) return;
  const sql = getSql();
  await writeCatalog(() => sql`delete from projects where id in ${sql(ids)}`);
}

/** Removes groups with their projects (and, by cascade, packages). */
export async function deleteGroups(ids: number[]): Promise<void> {
  if (!ids.length) return;
  const sql = getSql();
  await writeCatalog(async () => {
    await sql`delete from projects where group_id in ${sql(ids)}`;
    await sql`delete from groups where id in ${sql(ids)}`;
  });
}

/** Deletes packages and returns their series so ranks can be recomputed. */
export async function deletePackages(ids: number[]): Promise<SeriesKey[]> {
  if (!ids.length) return [];
  const sql = getSql();
  const rows = await writeCatalog(
    () => sql<{ project_id: string; package_type: string; name: string }[]>`
    delete from packages where id in ${sql(ids)} returning project_id, package_type, name`,
  );
  return rows.map((r) => ({
    projectId: Number(r.project_id),
    packageType: r.package_type,
    name: r.name,
  }));
}

export type { SeriesKey };
