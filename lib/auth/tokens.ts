import {
  deleteTokens,
  getTokens,
  updateTokensLocked,
  upsertTokens,
  isLockTimeout,
  type TokenRow,
} from "@/db/queries/gitlab-tokens";
import { AppError } from "@/lib/errors";
import { remainingMs } from "@/lib/gitlab/deadline";
import { decryptSecret, encryptSecret } from "./crypto";
import { InvalidGrantError, refreshAccessToken, revokeToken } from "@/lib/gitlab/oauth";
import { forgetSessionUser } from "./user-cache";
import { outsideRequestWork } from "@/db/request-work";

// GitLab access tokens live two hours and refresh tokens rotate: using one kills the old
// pair. So a refresh happens once per user at a time across tabs and replicas: take a
// per-user advisory lock, re-read the row, and refresh only if it is still the stale pair.

const inFlight = new Map<number, Promise<string>>();

type Row = TokenRow;

export async function storeTokens(
  userId: number,
  t: { accessToken: string; refreshToken: string; expiresAt: Date; scope: string },
) {
  forgetSessionUser(userId);
  await upsertTokens(userId, {
    accessTokenEnc: encryptSecret(t.accessToken),
    refreshTokenEnc: encryptSecret(t.refreshToken),
    expiresAt: t.expiresAt,
    scope: t.scope,
    updatedAt: new Date(),
  });
}

/** Fresh means: not within the last tenth of its lifetime (at most 60 s) of expiring. */
export function isFresh(row: Pick<Row, "expiresAt" | "updatedAt">, now = Date.now()): boolean {
  const lifetime = row.expiresAt.getTime() - row.updatedAt.getTime();
  const margin = Math.min(60_000, Math.max(0, lifetime) * 0.1);
  return row.expiresAt.getTime() - margin > now;
}

export async function hasTokens(userId: number): Promise<boolean> {
  return Boolean(await getTokens(userId));
}

/** A valid GitLab access token for the user, refreshed if needed. Never leaves the server. */
export async function getAccessToken(userId: number): Promise<string> {
  const row = await getTokens(userId);
  if (!row) throw new AppError("reauth_required", "Please sign in again.");
  if (isFresh(row)) return decryptSecret(row.accessTokenEnc);
  let pending = inFlight.get(userId);
  if (!pending) {
    // GitLab rotates the pair as it answers: the new pair is stored whatever the requests
    // waiting on it do (never cancelled with them, db/request-work.ts).
    pending = outsideRequestWork(() => refreshTokensLocked(userId)).finally(() =>
      inFlight.delete(userId),
    );
    inFlight.set(userId, pending);
  }
  return pending;
}

/**
 * Refreshes under the per-user advisory lock. Exported so tests can race two callers the way
 * two replicas would (each with its own in-process de-duplication).
 */
export async function refreshTokensLocked(
  userId: number,
  /** Whether the pair found under the lock still needs the refresh (default: not fresh). */
  stale: (row: Row) => boolean = (row) => !isFresh(row),
): Promise<string> {
  // The decision returns instead of throwing on a refused refresh token, so that the
  // deletion of the dead pair commits; the error is raised after. The wait for the lock is
  // bounded by the request's deadline (or 30 s): a stuck holder cannot stall every request.
  const lockTimeoutMs = Math.min(30_000, remainingMs());
  const outcome = await updateTokensLocked<{ dead: true } | { token: string }>(
    userId,
    async (row) => {
      if (!row) return { keep: { dead: true } };
      // Another request (tab, replica) refreshed while we waited for the lock.
      if (!stale(row)) return { keep: { token: decryptSecret(row.accessTokenEnc) } };
      let next;
      try {
        next = await refreshAccessToken(decryptSecret(row.refreshTokenEnc));
      } catch (e) {
        if (!(e instanceof InvalidGrantError)) throw e;
        return { remove: true, result: { dead: true } };
      }
      const now = new Date();
      return {
        replace: {
          accessTokenEnc: encryptSecret(next.access_token),
          refreshTokenEnc: encryptSecret(next.refresh_token),
          expiresAt: new Date(now.getTime() + (next.expires_in ?? 7200) * 1000),
          scope: next.scope ?? row.scope,
          updatedAt: now,
        },
        result: { token: next.access_token },
      };
    },
    { lockTimeoutMs },
  ).catch((e: unknown) => {
    if (!isLockTimeout(e)) throw e;
    throw new AppError(
      "gitlab_timeout",
      "Your GitLab sign-in is being renewed by another request that has not finished. Try again shortly.",
    );
  });
  if ("dead" in outcome) {
    forgetSessionUser(userId);
    throw new AppError(
      "reauth_required",
      "Your GitLab sign-in can no longer be renewed. Please sign in again.",
    );
  }
  return outcome.token;
}

/**
 * The token to send after GitLab refused `refused` with a 401: the stored one when another
 * request has renewed the pair since (GitLab killed the old token as it rotated it), else a
 * refresh now, even though the pair may look fresh here: GitLab's clock can run ahead of this
 * one by more than the refresh margin. A refresh GitLab refuses ends the sign-in
 * (reauth_required), as for any dead pair. Concurrent callers refresh once: the lock re-reads.
 */
export async function tokenAfterRefusal(userId: number, refused: string): Promise<string> {
  const row = await getTokens(userId);
  if (!row) throw new AppError("reauth_required", "Please sign in again.");
  if (decryptSecret(row.accessTokenEnc) !== refused) return getAccessToken(userId);
  return outsideRequestWork(() =>
    refreshTokensLocked(userId, (locked) => decryptSecret(locked.accessTokenEnc) === refused),
  );
}

/** Drops the stored pair (GitLab said it is revoked, or the user signed out). */
export async function forgetTokens(userId: number, opts: { revoke?: boolean } = {}) {
  const row = await deleteTokens(userId);
  forgetSessionUser(userId);
  if (row && opts.revoke) {
    await revokeToken(decryptSecret(row.accessTokenEnc));
  }
}
