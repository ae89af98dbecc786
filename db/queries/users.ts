import { eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { users } from "@/db/schema";

export type GitlabProfile = {
  id: number;
  username: string;
  name?: string | null;
  avatar_url?: string | null;
  is_admin?: boolean;
  external?: boolean;
};

export async function upsertUser(profile: GitlabProfile, tx: DbOrTx = getDb()) {
  const values = {
    id: profile.id,
    username: profile.username,
    name: profile.name || profile.username,
    avatarUrl: profile.avatar_url ?? null,
    isAdmin: profile.is_admin === true,
    isExternal: profile.external === true,
  };
  const [row] = await tx
    .insert(users)
    .values(values)
    .onConflictDoUpdate({ target: users.id, set: { ...values, lastSeenAt: sql`now()` } })
    .returning();
  return row;
}

export async function getUser(userId: number, tx: DbOrTx = getDb()) {
  const [row] = await tx.select().from(users).where(eq(users.id, userId));
  return row;
}
