import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { gitlabTokens } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { remainingMs } from "@/lib/gitlab/deadline";
import { decryptSecret, encryptSecret } from "./crypto";
import { InvalidGrantError, refreshAccessToken, revokeToken } from "./oauth";

// GitLab access tokens live two hours and refresh tokens rotate: using one kills the old
// pair. So a refresh happens once per user at a time across tabs and replicas: take a
// per-user advisory lock, re-read the row, and refresh only if it is still the stale pair.

const LOCK_NAMESPACE = 71_001;
const inFlight = new Map<number, Promise<string>>();

type Row = typeof gitlabTokens.$inferSelect;

export async function storeTokens(
  userId: number,
  t: { accessToken: string; refreshToken: string; expiresAt: Date; scope: string },
) {
  const values = {
    userId,
    accessTokenEnc: encryptSecret(t.accessToken),
    refreshTokenEnc: encryptSecret(t.refreshToken),
    expiresAt: t.expiresAt,
    scope: t.scope,
    updatedAt: new Date(),
  };
  await getDb()
    .insert(gitlabTokens)
    .values(values)
    .onConflictDoUpdate({
      target: gitlabTokens.userId,
      set: { ...values, generation: sql`${gitlabTokens.generation} + 1` },
    });
}

/** Fresh means: not within the last tenth of its lifetime (at most 60 s) of expiring. */
export function isFresh(row: Pick<Row, "expiresAt" | "updatedAt">, now = Date.now()): boolean {
  const lifetime = row.expiresAt.getTime() - row.updatedAt.getTime();
  const margin = Math.min(60_000, Math.max(0, lifetime) * 0.1);
  return row.expiresAt.getTime() - margin > now;
}

export async function hasTokens(userId: number): Promise<boolean> {
  const [row] = await getDb()
    .select({ userId: gitlabTokens.userId })
    .from(gitlabTokens)
    .where(eq(gitlabTokens.userId, userId));
  return Boolean(row);
}

/** A valid GitLab access token for the user, refreshed if needed. Never leaves the server. */
export async function getAccessToken(userId: number): Promise<string> {
  const [row] = await getDb().select().from(gitlabTokens).where(eq(gitlabTokens.userId, userId));
  if (!row) throw new AppError("reauth_required", "Please sign in again.");
  if (isFresh(row)) return decryptSecret(row.accessTokenEnc);
  let pending = inFlight.get(userId);
  if (!pending) {
    pending = refreshTokensLocked(userId).finally(() => inFlight.delete(userId));
    inFlight.set(userId, pending);
  }
  return pending;
}

/**
 * Refreshes under the per-user advisory lock. Exported so tests can race two callers the way
 * two replicas would (each with its own in-process de-duplication).
 */
export async function refreshTokensLocked(userId: number): Promise<string> {
  // The transaction returns instead of throwing on a refused refresh token, so that the
  // deletion of the dead pair commits; the error is raised after. The wait for the lock is
  // bounded by the request's deadline (or 30 s): a stuck holder cannot stall every request.
  const waitMs = Math.max(1, Math.floor(Math.min(30_000, remainingMs())));
  const outcome = await getDb()
    .transaction(async (tx) => {
      await tx.execute(sql.raw(`set local lock_timeout = ${waitMs}`));
      await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${userId})`);
      const [row] = await tx.select().from(gitlabTokens).where(eq(gitlabTokens.userId, userId));
      if (!row) return { dead: true } as const;
      // Another request (tab, replica) refreshed while we waited for the lock.
      if (isFresh(row)) return { token: decryptSecret(row.accessTokenEnc) };
      let next;
      try {
        next = await refreshAccessToken(decryptSecret(row.refreshTokenEnc));
      } catch (e) {
        if (!(e instanceof InvalidGrantError)) throw e;
        await tx.delete(gitlabTokens).where(eq(gitlabTokens.userId, userId));
        return { dead: true } as const;
      }
      const now = new Date();
      await tx
        .update(gitlabTokens)
        .set({
          accessTokenEnc: encryptSecret(next.access_token),
          refreshTokenEnc: encryptSecret(next.refresh_token),
          expiresAt: new Date(now.getTime() + (next.expires_in ?? 7200) * 1000),
          scope: next.scope ?? row.scope,
          generation: row.generation + 1,
          updatedAt: now,
        })
        .where(eq(gitlabTokens.userId, userId));
      return { token: next.access_token };
    })
    .catch((e: unknown) => {
      const cause = (e as { cause?: { code?: string } })?.cause;
      if ((e as { code?: string })?.code === "55P03" || cause?.code === "55P03")
        throw new AppError(
          "gitlab_timeout",
          "Your GitLab sign-in is being renewed by another request that has not finished. Try again shortly.",
        );
      throw e;
    });
  if ("dead" in outcome) {
    throw new AppError(
      "reauth_required",
      "Your GitLab sign-in can no longer be renewed. Please sign in again.",
    );
  }
  return outcome.token;
}

/** Drops the stored pair (GitLab said it is revoked, or the user signed out). */
export async function forgetTokens(userId: number, opts: { revoke?: boolean } = {}) {
  const [row] = await getDb()
    .delete(gitlabTokens)
    .where(eq(gitlabTokens.userId, userId))
    .returning();
  if (row && opts.revoke) {
    await revokeToken(decryptSecret(row.accessTokenEnc));
  }
}
