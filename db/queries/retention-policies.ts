import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, getSql, type DbOrTx } from "@/db";
import { retentionPolicies } from "@/db/schema";
import { readableProjects, type Reader } from "./catalog-access";

// Stored retention policies. Readability follows the scope: a project policy is readable by
// whoever may read the project's packages; a group policy by members of the group and by
// whoever may read a project inside it (the same rule as the group page).

export type PolicyRow = typeof retentionPolicies.$inferSelect;

export type ScopeRef = { type: "group" | "project"; id: number };

/**
 * What a stored policy holds, in the API document's shape (DESIGN.md "Retention"); callers
 * validate it first (lib/validations/retention's PolicyDocument is one).
 */
export type PolicyFields = {
  name: string;
  scope: ScopeRef;
  package_types: readonly string[];
  name_pattern: string | null;
  version_pattern: string | null;
  prerelease_only: boolean;
  keep_latest: number | null;
  older_than_days: number | null;
  not_downloaded_days: number | null;
  keep_duplicate_files: number | null;
  protect_pattern: string | null;
  keep_newest: boolean;
  mode: "dry_run" | "enforce";
  enabled: boolean;
};

const toColumns = (p: PolicyFields) => ({
  name: p.name,
  scopeType: p.scope.type,
  scopeId: p.scope.id,
  packageTypes: [...p.package_types],
  namePattern: p.name_pattern,
  versionPattern: p.version_pattern,
  prereleaseOnly: p.prerelease_only,
  keepLatest: p.keep_latest,
  olderThanDays: p.older_than_days,
  notDownloadedDays: p.not_downloaded_days,
  keepDuplicateFiles: p.keep_duplicate_files,
  protectPattern: p.protect_pattern,
  keepNewest: p.keep_newest,
  mode: p.mode,
  enabled: p.enabled,
});

export async function createPolicy(
  doc: PolicyFields,
  author: { id: number; username: string },
  tx: DbOrTx = getDb(),
): Promise<PolicyRow> {
  const [row] = await tx
    .insert(retentionPolicies)
    .values({
      ...toColumns(doc),
      authorId: author.id,
      authorUsername: author.username,
      updatedBy: author.username,
    })
    .returning();
  return row;
}

/**
 * Replaces the document. Whoever saves it becomes its author (their role now backs it), and
 * saving clears a suspension — only someone allowed to manage the scope gets here.
 */
export async function updatePolicy(
  id: number,
  doc: PolicyFields,
  editor: { id: number; username: string },
  tx: DbOrTx = getDb(),
): Promise<PolicyRow | undefined> {
  const [row] = await tx
    .update(retentionPolicies)
    .set({
      ...toColumns(doc),
      authorId: editor.id,
      authorUsername: editor.username,
      updatedBy: editor.username,
      suspendedReason: null,
      suspendedAt: null,
      updatedAt: sql`now()`,
    })
    .where(eq(retentionPolicies.id, id))
    .returning();
  return row;
}

export async function deletePolicy(id: number, tx: DbOrTx = getDb()): Promise<boolean> {
  const rows = await tx
    .delete(retentionPolicies)
    .where(eq(retentionPolicies.id, id))
    .returning({ id: retentionPolicies.id });
  return rows.length > 0;
}

export async function getPolicy(id: number, tx: DbOrTx = getDb()): Promise<PolicyRow | undefined> {
  const [row] = await tx.select().from(retentionPolicies).where(eq(retentionPolicies.id, id));
  return row;
}

export async function suspendPolicy(id: number, reason: string, tx: DbOrTx = getDb()) {
  await tx
    .update(retentionPolicies)
    .set({ suspendedReason: reason, suspendedAt: sql`now()` })
    .where(eq(retentionPolicies.id, id));
}

/** Enabled, not suspended policies, oldest first (a cron run works through them in order). */
export async function listActivePolicies(
  ids?: number[],
  tx: DbOrTx = getDb(),
): Promise<PolicyRow[]> {
  const where = ids
    ? inArray(retentionPolicies.id, ids)
    : and(eq(retentionPolicies.enabled, true), sql`${retentionPolicies.suspendedReason} is null`);
  return tx.select().from(retentionPolicies).where(where).orderBy(retentionPolicies.id);
}

export async function listAllPolicies(tx: DbOrTx = getDb()): Promise<PolicyRow[]> {
  return tx.select().from(retentionPolicies).orderBy(desc(retentionPolicies.id));
}

export type PolicyListItem = PolicyRow & { scopePath: string | null };

/** The policies whose scope the reader may read, optionally of one scope, with its path. */
export async function listReadablePolicies(
  reader: Reader,
  scope?: ScopeRef,
): Promise<PolicyListItem[]> {
  const q = getSql();
  const rows = await q<{ id: number; scope_path: string | null }[]>`
    with readable as (${readableProjects(q, reader)})
    select r.id,
      case when r.scope_type = 'group' then (select full_path from groups where id = r.scope_id)
           else (select path_with_namespace from projects where id = r.scope_id) end as scope_path
    from retention_policies r
    where (${scope ? q`r.scope_type = ${scope.type} and r.scope_id = ${scope.id}` : q`true`})
      and (${reader.isAdmin}::boolean
        or (r.scope_type = 'project' and r.scope_id in (select id from readable))
        or (r.scope_type = 'group' and (
              exists (select 1 from user_group_access a
                      where a.user_id = ${reader.userId} and a.group_id = r.scope_id)
           or exists (select 1 from projects j join readable x on x.id = j.id
                      where j.group_path_ids @> array[r.scope_id]::bigint[]))))
    order by r.id desc`;
  if (!rows.length) return [];
  const full = await getDb()
    .select()
    .from(retentionPolicies)
    .where(
      inArray(
        retentionPolicies.id,
        rows.map((r) => r.id),
      ),
    );
  const byId = new Map(full.map((p) => [p.id, p]));
  return rows.map((r) => ({ ...byId.get(r.id)!, scopePath: r.scope_path }));
}

export type ScopeInfo = { type: "group" | "project"; id: number; path: string; webUrl: string };

/** The mirrored group or project a scope names (undefined = the catalog does not know it). */
export async function getScopeInfo(scope: ScopeRef): Promise<ScopeInfo | undefined> {
  const q = getSql();
  const [row] =
    scope.type === "group"
      ? await q<{ path: string; web_url: string }[]>`
          select full_path as path, web_url from groups where id = ${scope.id}`
      : await q<{ path: string; web_url: string }[]>`
          select path_with_namespace as path, web_url from projects where id = ${scope.id}`;
  return row ? { ...scope, path: row.path, webUrl: row.web_url } : undefined;
}

/** May the reader read this scope (and so its policies)? */
export async function canReadScope(reader: Reader, scope: ScopeRef): Promise<boolean> {
  if (reader.isAdmin) return true;
  const q = getSql();
  const [row] =
    scope.type === "project"
      ? await q`with readable as (${readableProjects(q, reader)})
          select 1 from readable where id = ${scope.id}`
      : await q`with readable as (${readableProjects(q, reader)})
          select 1 where exists (select 1 from user_group_access a
                                 where a.user_id = ${reader.userId} and a.group_id = ${scope.id})
            or exists (select 1 from projects j join readable x on x.id = j.id
                       where j.group_path_ids @> array[${scope.id}]::bigint[])`;
  return Boolean(row);
}

/** The user's cached level on the scope (for showing or hiding controls; writes ask GitLab). */
export async function getCachedScopeLevel(userId: number, scope: ScopeRef): Promise<number | null> {
  const q = getSql();
  const [row] =
    scope.type === "group"
      ? await q<{ level: number }[]>`select access_level as level from user_group_access
          where user_id = ${userId} and group_id = ${scope.id}`
      : await q<{ level: number }[]>`select access_level as level from user_project_access
          where user_id = ${userId} and project_id = ${scope.id}`;
  return row ? row.level : null;
}

/** Project paths by id, for audit rows and previews. */
export async function listProjectPaths(ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await getSql()<{ id: string; path: string }[]>`
    select id, path_with_namespace as path from projects where id = any(${ids})`;
  return new Map(rows.map((r) => [Number(r.id), r.path]));
}

/** Groups (Owner) and projects (Maintainer+) the user may store policies on, by cached role. */
export async function listManageableScopes(userId: number, isAdmin: boolean): Promise<ScopeInfo[]> {
  const q = getSql();
  const rows = await q<{ type: "group" | "project"; id: string; path: string; web_url: string }[]>`
    select 'group' as type, g.id, g.full_path as path, g.web_url from groups g
    where ${isAdmin}::boolean or exists (select 1 from user_group_access a
      where a.user_id = ${userId} and a.group_id = g.id and a.access_level >= 50)
    union all
    select 'project' as type, j.id, j.path_with_namespace as path, j.web_url from projects j
    where ${isAdmin}::boolean or exists (select 1 from user_project_access a
      where a.user_id = ${userId} and a.project_id = j.id and a.access_level >= 40)
    order by type, path`;
  return rows.map((r) => ({ type: r.type, id: Number(r.id), path: r.path, webUrl: r.web_url }));
}
