import { isAccessStale, refreshUserAccess } from "@/lib/catalog/access";
import { toAppError } from "@/lib/gitlab/errors";
import { userGitlab } from "@/lib/gitlab/user-client";
import { forgetTokens } from "./tokens";

// A signed-in user's memberships are rebuilt from GitLab when stale, with their own token.
// That is also where a token revoked in GitLab shows: the pair is dropped and the user
// signs in again. GitLab being down keeps the last known memberships (logged).

const inFlight = new Map<number, Promise<boolean>>();

/** False when GitLab no longer accepts the user's sign-in (the session is over). */
export async function ensureFreshAccess(user: {
  id: number;
  accessRefreshedAt: Date | null;
}): Promise<boolean> {
  if (!isAccessStale(user.accessRefreshedAt)) return true;
  let pending = inFlight.get(user.id);
  if (!pending) {
    pending = refresh(user.id).finally(() => inFlight.delete(user.id));
    inFlight.set(user.id, pending);
  }
  return pending;
}

async function refresh(userId: number): Promise<boolean> {
  try {
    await refreshUserAccess(userId, userGitlab(userId));
    return true;
  } catch (e) {
    const err = toAppError(e);
    if (err.code === "reauth_required" || err.code === "unauthenticated") {
      await forgetTokens(userId);
      return false;
    }
    console.warn(`[auth] memberships of user ${userId} not refreshed: ${err.message}`);
    return true;
  }
}
