import { eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { bumpCatalogGeneration } from "@/db/queries/catalog-cache";
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
 * GitLab accepted a new registry access level: the mirror follows at once, and this process's
 * cached readable sets and counts are dropped so every user's next catalog query sees it.
 */
export async function updateMirroredRegistryLevel(
  projectId: number,
  level: string,
  tx: DbOrTx = getDb(),
): Promise<void> {
  await tx.update(projects).set({ registryAccessLevel: level }).where(eq(projects.id, projectId));
  bumpCatalogGeneration();
}
