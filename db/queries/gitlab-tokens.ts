import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { gitlabTokens } from "@/db/schema";

// Users' GitLab token pairs, stored encrypted (lib/auth/crypto encrypts; nothing here reads a
// secret in the clear).

export type TokenRow = typeof gitlabTokens.$inferSelect;
export type StoredTokens = Pick<
  TokenRow,
  "accessTokenEnc" | "refreshTokenEnc" | "expiresAt" | "scope" | "updatedAt"
>;

/** The advisory-lock namespace of token refreshes (key: the user id). */
export const LOCK_NAMESPACE = 71_001;

export async function upsertTokens(userId: number, values: StoredTokens): Promise<void> {
  await getDb()
    .insert(gitlabTokens)
    .values({ userId, ...values })
    .onConflictDoUpdate({
      target: gitlabTokens.userId,
      set: { ...values, generation: sql`${gitlabTokens.generation} + 1` },
    });
}

export async function getTokens(userId: number): Promise<TokenRow | undefined> {
  const [row] = await getDb().select().from(gitlabTokens).where(eq(gitlabTokens.userId, userId));
  return row;
}

export async function deleteTokens(userId: number): Promise<TokenRow | undefined> {
  const [row] = await getDb()
    .delete(gitlabTokens)
    .where(eq(gitlabTokens.userId, userId))
    .returning();
  return row;
}

export type TokenDecision<T> =
  | { keep: T }
  | { replace: Omit<StoredTokens, "updatedAt"> & { updatedAt: Date }; result: T }
  | { remove: true; result: T };

/**
 * Re-reads the user's pair under a per-user transaction lock (tabs and replicas refresh one
 * at a time), lets `decide` choose, and applies its choice in the same transaction — a
 * removal commits even though the caller then reports an error. A lock wait past
 * `lockTimeoutMs` fails with SQLSTATE 55P03 (`isLockTimeout`).
 */
export async function updateTokensLocked<T>(
  userId: number,
  decide: (row: TokenRow | undefined) => Promise<TokenDecision<T>>,
  opts: { lockTimeoutMs: number },
): Promise<T> {
  return getDb().transaction(async (tx) => {
    // A stuck holder must not stall every request: the wait is bounded (SQLSTATE 55P03).
    const waitMs = Math.max(1, Math.floor(opts.lockTimeoutMs));
    await tx.execute(sql.raw(`set local lock_timeout = ${waitMs}`));
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${userId})`);
    const [row] = await tx.select().from(gitlabTokens).where(eq(gitlabTokens.userId, userId));
    const decision = await decide(row);
    if ("keep" in decision) return decision.keep;
    if ("remove" in decision) {
      await tx.delete(gitlabTokens).where(eq(gitlabTokens.userId, userId));
      return decision.result;
    }
    await tx
      .update(gitlabTokens)
      .set({ ...decision.replace, generation: (row?.generation ?? 0) + 1 })
      .where(eq(gitlabTokens.userId, userId));
    return decision.result;
  });
}

export function isLockTimeout(e: unknown): boolean {
  const cause = (e as { cause?: { code?: string } })?.cause;
  return (e as { code?: string })?.code === "55P03" || cause?.code === "55P03";
}
