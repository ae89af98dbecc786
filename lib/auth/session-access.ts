import { isAccessStale, refreshUserAccess } from "@/lib/access/memberships";
import { env } from "@/lib/env";
import { withGitlabDeadline } from "@/lib/gitlab/deadline";
import { toAppError } from "@/lib/gitlab/errors";
import { userGitlab } from "@/lib/gitlab/user-client";
import { forgetTokens } from "./tokens";
import { outsideRequestWork } from "@/db/request-work";

// A signed-in user's memberships are rebuilt from GitLab when stale, with their own token.
// That is also where a token revoked in GitLab shows: the pair is dropped and the user
// signs in again. GitLab being down keeps the last known memberships (logged).

const inFlight = new Map<number, Promise<boolean>>();
// While GitLab is down, a page must not wait on it at every load: after a failed refresh the
// last known memberships serve for a minute before the next try, which is itself short.
const lastFailure = new Map<number, number>();
const RETRY_AFTER_FAILURE_MS = 60_000;
const QUICK = { retry: { attempts: 2, baseDelayMs: 200, maxDelayMs: 1_000 }, timeoutMs: 5_000 };

/** False when GitLab no longer accepts the user's sign-in (the session is over). */
export async function ensureFreshAccess(user: {
  id: number;
  accessRefreshedAt: Date | null;
}): Promise<boolean> {
  if (!isAccessStale(user.accessRefreshedAt)) return true;
  if (Date.now() - (lastFailure.get(user.id) ?? 0) < RETRY_AFTER_FAILURE_MS) return true;
  let pending = inFlight.get(user.id);
  if (!pending) {
    // It writes the memberships: it completes even if the requests waiting on it are given up.
    pending = outsideRequestWork(() => refresh(user.id)).finally(() => inFlight.delete(user.id));
    inFlight.set(user.id, pending);
  }
  return pending;
}

async function refresh(userId: number): Promise<boolean> {
  try {
    await withGitlabDeadline(env().gitlabDeadlineMs, () =>
      refreshUserAccess(userId, userGitlab(userId, QUICK)),
    );
    lastFailure.delete(userId);
    return true;
  } catch (e) {
    const err = toAppError(e);
    if (err.code === "reauth_required" || err.code === "unauthenticated") {
      await forgetTokens(userId);
      return false;
    }
    lastFailure.set(userId, Date.now());
    console.warn(`[auth] memberships of user ${userId} not refreshed: ${err.message}`);
    return true;
  }
}
