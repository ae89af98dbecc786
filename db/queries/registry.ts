import { eq } from "drizzle-orm";
import { getDb, getSql, type DbOrTx } from "@/db";
import { writeCatalog } from "../catalog-changes";
import { groups, projects } from "@/db/schema";

// The mirror's side of registry settings: where a project or group is, and the project's
// registry access level, which every catalog query's readability rule reads.

export type MirroredProject = {
  id: number;
  pathWithNamespace: string;
  visibility: string;
  registryAccessLevel: string;
  groupPathIds: number[];
  webUrl: string;
};

export async function getMirroredProject(
  projectId: number,
  tx: DbOrTx = getDb(),
): Promise<MirroredProject | null> {
  const [row] = await tx
    .select({
      id: projects.id,
      pathWithNamespace: projects.pathWithNamespace,
      visibility: projects.visibility,
      registryAccessLevel: projects.registryAccessLevel,
      groupPathIds: projects.groupPathIds,
      webUrl: projects.webUrl,
    })
    .from(projects)
    .where(eq(projects.id, projectId));
  return row ?? null;
}

export async function getMirroredGroup(groupId: number, tx: DbOrTx = getDb()) {
  const [row] = await tx
    .select({ id: groups.id, fullPath: groups.fullPath, name: groups.name, webUrl: groups.webUrl })
    .from(groups)
    .where(eq(groups.id, groupId));
  return row ?? null;
}

/**
 * GitLab accepted a new registry access level: the mirror follows at once, and every process's
 * cached readable sets and counts are dropped so every user's next catalog query sees it.
 */
export async function updateMirroredRegistryLevel(
  projectId: number,
  level: string,
  tx: DbOrTx = getDb(),
): Promise<void> {
  // Through the one write path: every replica's caches drop it, not only this process's.
  await writeCatalog(() =>
    tx.update(projects).set({ registryAccessLevel: level }).where(eq(projects.id, projectId)),
  );
}

/**
 * The user's cached role on a group (its own or inherited from an ancestor), for showing or
 * hiding controls. Never the authority for a change: those re-check the live role in GitLab.
 */
export async function getCachedGroupLevel(userId: number, groupId: number): Promise<number | null> {
  const sql = getSql();
  const [row] = await sql<{ level: number | null }[]>`
    with recursive chain as (
      select id, parent_id from groups where id = ${groupId}
      union all
      select g.id, g.parent_id from groups g join chain c on g.id = c.parent_id)
    select max(a.access_level)::int as level from user_group_access a
    where a.user_id = ${userId} and a.group_id in (select id from chain)`;
  return row?.level ?? null;
}
