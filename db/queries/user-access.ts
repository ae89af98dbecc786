import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { userGroupAccess, userProjectAccess, users } from "@/db/schema";
import { writeCatalog } from "../catalog-changes";

/**
 * Replaces the user's cached memberships (level per project and group) in one transaction.
 * Through writeCatalog: readable-project sets cached by any process follow at once (caches
 * keyed by a project set stay: memberships change who reads a set, not what it holds).
 */
// Two requests refreshing one user's memberships at once (a script's parallel first calls
// with a new token, two tabs) each deleted nothing the other had not committed yet and then
// both inserted: a unique violation. One refresh per user at a time; the second replaces the
// first's rows.
const LOCK_NAMESPACE = 71_002;

export async function replaceUserAccess(
  userId: number,
  access: { projects: Map<number, number>; groups: Map<number, number> },
): Promise<void> {
  await writeCatalog(
    () =>
      getDb().transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${userId})`);
        await tx.delete(userProjectAccess).where(eq(userProjectAccess.userId, userId));
        await tx.delete(userGroupAccess).where(eq(userGroupAccess.userId, userId));
        if (access.projects.size)
          await tx.insert(userProjectAccess).values(
            [...access.projects].map(([projectId, accessLevel]) => ({
              userId,
              projectId,
              accessLevel,
            })),
          );
        if (access.groups.size)
          await tx.insert(userGroupAccess).values(
            [...access.groups].map(([groupId, accessLevel]) => ({
              userId,
              groupId,
              accessLevel,
            })),
          );
        await tx
          .update(users)
          .set({ accessRefreshedAt: sql`now()` })
          .where(eq(users.id, userId));
      }),
    "memberships",
  );
}
