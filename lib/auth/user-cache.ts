import type { CurrentUser } from "./session";

// A signed-in user, as a request resolves them from their session: the user row, the stored
// GitLab pair's presence and fresh memberships — two queries and a staleness check on every
// API call, and the search box sends one per pause in typing. Kept a few seconds per user, in
// this process only. Dropping the pair (sign-out, GitLab refusing it) forgets the entry here at
// once; another replica notices within SESSION_USER_TTL_MS. Only users whose memberships were
// fresh are kept, so a stale one still goes through the refresh on its next request.

export const SESSION_USER_TTL_MS = 5_000;
const MAX_ENTRIES = 5_000;
const entries = new Map<number, { user: CurrentUser; at: number }>();
/** Moves on every forget: a lookup that began before one must not keep what it read. */
let forgets = 0;

/** Taken before a lookup's reads, handed back to keepSessionUser. */
export const sessionUserStamp = (): number => forgets;

export function cachedSessionUser(userId: number, now = Date.now()): CurrentUser | null {
  const hit = entries.get(userId);
  if (!hit) return null;
  if (now - hit.at > SESSION_USER_TTL_MS) {
    entries.delete(userId);
    return null;
  }
  return hit.user;
}

export function keepSessionUser(user: CurrentUser, stamp: number, now = Date.now()): void {
  if (stamp !== forgets) return; // a pair was dropped while this lookup read it
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(user.id, { user, at: now });
}

/** The user's stored pair is gone (or replaced): their next request looks them up again. */
export function forgetSessionUser(userId: number): void {
  forgets++;
  entries.delete(userId);
}
