import { replaceUserAccess } from "@/db/queries/user-access";
import type { GitlabApi } from "@/lib/gitlab/client";
import { listMemberships } from "@/lib/gitlab/memberships";

/** How long a user's cached memberships are trusted before the next rebuild. */
export const ACCESS_TTL_MS = 15 * 60_000;

/** Rebuilds the user's membership cache from GitLab (at sign-in and when stale). */
export async function refreshUserAccess(userId: number, api: GitlabApi): Promise<void> {
  await replaceUserAccess(userId, await listMemberships(api));
}

export function isAccessStale(refreshedAt: Date | null, now = Date.now()): boolean {
  return !refreshedAt || now - refreshedAt.getTime() > ACCESS_TTL_MS;
}
