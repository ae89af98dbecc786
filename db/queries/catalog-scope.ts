import { getSql } from "@/db";
import { groupProjectIds, readableProjectSet, type Reader } from "./catalog-access";
import { columns, inScope, projectColumn } from "./catalog-filters";
import type { PageRaw } from "./catalog-rows";
import { toListedRows } from "./project-refs";

// A group's or project's page: its readable projects, and its stale versions (summaries and
// their stale count are in catalog-detail.ts).

/**
 * A scope's readable projects (from the cached readable set, as the catalog reads it) and the
 * filter on packages p for them. Stale versions are a prefix of packages_stale_order (never
 * downloaded, then oldest download first), so each half is read as an index range, and a
 * large scope is only a filter ("+ 0"): given the projects as a subquery, the planner took a
 * 500-project group for one project and read and sorted all of its versions (100 ms and up at
 * 100 000 versions) instead of stopping after a page, or at the count's cap.
 */
export async function scopeFilter(
  sql: ReturnType<typeof getSql>,
  user: Reader,
  scope: { groupId?: number; projectId?: number },
) {
  const [readable, inGroup] = await Promise.all([
    readableProjectSet(sql, user),
    scope.groupId !== undefined ? groupProjectIds(String(scope.groupId)) : null,
  ]);
  const wanted = new Set(inGroup ?? [scope.projectId ?? -1]);
  const ids = readable.ids.filter((id) => wanted.has(id));
  return {
    ids,
    levels: readable.levels,
    where: inScope(sql, { ids }, projectColumn(sql, ids, sql`p`)),
  };
}

export const staleCutoff = (sql: ReturnType<typeof getSql>, user: Reader) =>
  sql`now() - make_interval(days => ${user.staleAfterDays})`;

/** Packages in a scope not downloaded for user.staleAfterDays (or never), oldest download first. */
export async function listStalePackages(
  user: Reader,
  scope: { groupId?: number; projectId?: number },
  limit = 10,
) {
  const sql = getSql();
  const { ids, levels, where } = await scopeFilter(sql, user, scope);
  if (!ids.length) return [];
  const order = sql`p.last_downloaded_at asc nulls first, p.created_at asc, p.id asc`;
  const rows = await sql<PageRaw[]>`
    select ${columns(sql)} from (
      (select p.* from packages p where ${where} and p.last_downloaded_at is null
        order by p.created_at asc, p.id asc limit ${limit})
      union all
      (select p.* from packages p where ${where} and p.last_downloaded_at < ${staleCutoff(sql, user)}
        order by ${order} limit ${limit})) p
    order by ${order} limit ${limit}`;
  return (await toListedRows(sql, rows, (id) => levels.get(id) ?? null)).map((r) => r.row);
}
