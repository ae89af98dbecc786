import { createHash } from "node:crypto";
import type postgres from "postgres";
import { getSql } from "@/db";
import { listenForCatalogChanges } from "../catalog-changes";
import { TtlCache } from "./catalog-cache";

// Readability in SQL — mirrors canReadProjectPackages (lib/permissions.ts); keep them in step:
//   registry disabled → nobody; registry public → everyone; admin → everything not disabled;
//   Reporter+ member → yes; registry private → members Reporter+ only; registry enabled →
//   public projects to everyone, internal ones to signed-in non-external users.
// Every catalog query starts from this set of project ids.

/**
 * Who is reading, and the domain's rules that the SQL applies (they arrive from lib/, where
 * they are defined once: PACKAGE_READ_LEVEL in lib/permissions, STALE_AFTER_DAYS in
 * lib/catalog/rules).
 */
export type Reader = {
  userId: number;
  isAdmin: boolean;
  isExternal: boolean;
  readLevel: number;
  staleAfterDays: number;
};

export function readableProjects(sql: postgres.Sql, r: Reader) {
  return sql`
    select j.id, a.access_level
    from projects j
    left join user_project_access a on a.project_id = j.id and a.user_id = ${r.userId}
    where j.registry_access_level <> 'disabled' and (
      j.registry_access_level = 'public'
      or ${r.isAdmin}::boolean
      or a.access_level >= ${r.readLevel}
      or (j.registry_access_level = 'enabled' and (
        j.visibility = 'public' or (j.visibility = 'internal' and not ${r.isExternal}::boolean))))`;
}

export type ReadableSet = {
  /** Readable project ids, ascending. */
  ids: number[];
  /** The reader's access level per readable project (absent = not a member). */
  levels: Map<number, number>;
  /** Identifies the set: equal keys ⇔ equal sets of readable projects. */
  key: string;
  /**
   * Admins only: the projects they may not read (registry disabled). Admins read every other
   * project, so "not one of these" is the same filter as "one of ids" — and a handful of ids
   * instead of the whole instance's (planning `= any` costs per element). Null for everyone
   * else: for them a project the catalog learns of later must stay hidden until checked.
   */
  excluded: number[] | null;
};

// The set only changes when the user's memberships are rebuilt or a project's visibility or
// registry level changes; both go through writeCatalog, which moves the catalog generation in
// every process (LISTEN/NOTIFY) and so drops every entry.
const readableCache = new TtlCache<ReadableSet>(30_000);

/**
 * The reader's readable projects (a few hundred rows), so the catalog queries can filter with
 * `project_id = any(ids)` instead of joining the readability rule into every plan. Same rule
 * as readableProjects — it runs that query; cached briefly per reader (see above), since
 * reading and parsing those rows was a third of the server's work per search.
 */
export async function readableProjectSet(sql: postgres.Sql, r: Reader): Promise<ReadableSet> {
  // Every catalog query starts here: the process follows other replicas' changes from now on.
  await listenForCatalogChanges();
  return readableCache.getOrCompute(`${r.userId}|${r.isAdmin}|${r.isExternal}|${r.readLevel}`, () =>
    queryReadableSet(sql, r),
  );
}

/** The reader's readable project ids, for callers outside db/ (same cache as the catalog). */
export async function listReadableProjectIds(r: Reader): Promise<number[]> {
  return (await readableProjectSet(getSql(), r)).ids;
}

async function queryReadableSet(sql: postgres.Sql, r: Reader): Promise<ReadableSet> {
  const rows = await sql<{ id: string; access_level: number | null }[]>`
    select id, access_level from (${readableProjects(sql, r)}) r order by id`;
  const ids = rows.map((row) => Number(row.id));
  const levels = new Map<number, number>();
  for (const row of rows)
    if (row.access_level !== null) levels.set(Number(row.id), row.access_level);
  let excluded: number[] | null = null;
  if (r.isAdmin) {
    const all = await sql<{ id: string }[]>`select id from projects order by id`;
    const readable = new Set(ids);
    excluded = all.map((row) => Number(row.id)).filter((id) => !readable.has(id));
  }
  return { ids, levels, key: projectSetKey(ids), excluded };
}

/** A short key for a set of project ids (given ascending). */
export const projectSetKey = (ids: number[]) =>
  createHash("sha1").update(ids.join(",")).digest("base64url");

// Which projects a group or path names changes only when the sync rewrites projects or
// groups (which bumps the generation); the answers are not user-specific — they only narrow
// the caller's readable set. Cached so a filtered search costs no extra round trip.
const groupIdsCache = new TtlCache<number[]>(30_000);
const projectIdCache = new TtlCache<number | null>(30_000);

/** The ids of the projects in a group (given as id or full path) and its subgroups. */
export function groupProjectIds(ref: string): Promise<number[]> {
  return groupIdsCache.getOrCompute(ref, () => queryGroupProjectIds(ref));
}

async function queryGroupProjectIds(ref: string): Promise<number[]> {
  const sql = getSql();
  const match = /^\d+$/.test(ref)
    ? sql`g.id = ${Number(ref)}`
    : sql`lower(g.full_path) = lower(${ref})`;
  const rows = await sql<{ id: string }[]>`
    select j.id from groups g join projects j on j.group_path_ids @> array[g.id]::bigint[]
    where ${match}`;
  return rows.map((r) => Number(r.id));
}

/** A project given as id or path to its id (null = no such project). */
export function resolveProjectId(ref: string): Promise<number | null> {
  return projectIdCache.getOrCompute(ref, () => queryProjectId(ref));
}

async function queryProjectId(ref: string): Promise<number | null> {
  const sql = getSql();
  const rows = /^\d+$/.test(ref)
    ? await sql<{ id: string }[]>`select id from projects where id = ${Number(ref)}`
    : await sql<
        { id: string }[]
      >`select id from projects where lower(path_with_namespace) = lower(${ref})`;
  return rows[0] ? Number(rows[0].id) : null;
}
