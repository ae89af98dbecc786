import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { bumpCatalogGeneration } from "@/db/queries/catalog-cache";
import { userGroupAccess, userProjectAccess, users } from "@/db/schema";
import type { GitlabApi } from "@/lib/gitlab/client";
import { listMemberships } from "@/lib/gitlab/memberships";

/** How long a user's cached memberships are trusted before the next rebuild. */
export const ACCESS_TTL_MS = 15 * 60_000;

/** Rebuilds the user's membership cache from GitLab (at sign-in and when stale). */
export async function refreshUserAccess(userId: number, api: GitlabApi): Promise<void> {
  const { projects, groups } = await listMemberships(api);
  await getDb().transaction(async (tx) => {
    await tx.delete(userProjectAccess).where(eq(userProjectAccess.userId, userId));
    await tx.delete(userGroupAccess).where(eq(userGroupAccess.userId, userId));
    if (projects.size)
      await tx
        .insert(userProjectAccess)
        .values(
          [...projects].map(([projectId, accessLevel]) => ({ userId, projectId, accessLevel })),
        );
    if (groups.size)
      await tx
        .insert(userGroupAccess)
        .values([...groups].map(([groupId, accessLevel]) => ({ userId, groupId, accessLevel })));
    await tx
      .update(users)
      .set({ accessRefreshedAt: sql`now()` })
      .where(eq(users.id, userId));
  });
  // Cached readable-project sets (and counts keyed by them) must follow the new memberships.
  bumpCatalogGeneration();
}

export function isAccessStale(refreshedAt: Date | null, now = Date.now()): boolean {
  return !refreshedAt || now - refreshedAt.getTime() > ACCESS_TTL_MS;
}
