import type postgres from "postgres";
import { getSql } from "@/db";

// Readability in SQL — mirrors canReadProjectPackages (lib/permissions.ts); keep them in step:
//   registry disabled → nobody; registry public → everyone; admin → everything not disabled;
//   Reporter+ member → yes; registry private → members Reporter+ only; registry enabled →
//   public projects to everyone, internal ones to signed-in non-external users.
// Every catalog query starts from this set of project ids.

export type Reader = { userId: number; isAdmin: boolean; isExternal: boolean };

export function readableProjects(sql: postgres.Sql, r: Reader) {
  return sql`
    select j.id, a.access_level
    from projects j
    left join user_project_access a on a.project_id = j.id and a.user_id = ${r.userId}
    where j.registry_access_level <> 'disabled' and (
      j.registry_access_level = 'public'
      or ${r.isAdmin}::boolean
      or a.access_level >= 20
      or (j.registry_access_level = 'enabled' and (
        j.visibility = 'public' or (j.visibility = 'internal' and not ${r.isExternal}::boolean))))`;
}

/** Resolves a group given as id or full path to its id (null = no such group). */
export async function resolveGroupId(ref: string): Promise<number | null> {
  const sql = getSql();
  const rows = /^\d+$/.test(ref)
    ? await sql<{ id: string }[]>`select id from groups where id = ${Number(ref)}`
    : await sql<{ id: string }[]>`select id from groups where lower(full_path) = lower(${ref})`;
  return rows[0] ? Number(rows[0].id) : null;
}

export async function resolveProjectId(ref: string): Promise<number | null> {
  const sql = getSql();
  const rows = /^\d+$/.test(ref)
    ? await sql<{ id: string }[]>`select id from projects where id = ${Number(ref)}`
    : await sql<
        { id: string }[]
      >`select id from projects where lower(path_with_namespace) = lower(${ref})`;
  return rows[0] ? Number(rows[0].id) : null;
}
