import { createHash } from "node:crypto";
import { upsertUser, type GitlabProfile } from "@/db/queries/users";
import { isAccessStale, refreshUserAccess } from "@/lib/access/memberships";
import { AppError } from "@/lib/errors";
import { gitlabClient, type GitlabApi } from "@/lib/gitlab/client";
import { toAppError } from "@/lib/gitlab/errors";
import { getCurrentGitlabUser } from "@/lib/gitlab/users";
import type { CurrentUser } from "./session";
import { outsideRequestWork } from "@/db/request-work";

// Scripts and CI call the JSON API with a GitLab personal/project/group access token.
// It is checked against GitLab's /user and the answer cached briefly (by hash, never the
// token itself), so a revoked token stops working within a minute.

const TTL_MS = 60_000;
const cache = new Map<string, { user: CurrentUser; at: number }>();

export type TokenIdentity = { user: CurrentUser; gitlab: GitlabApi };

/**
 * `gitlab` built on first read. Constructing gitbeaker's Gitlab instantiates every resource
 * class (with its rate limiters): under load that was ~10% of the server's CPU plus much of
 * its garbage, and most API requests (the catalog search) never call GitLab.
 */
export function lazyGitlab<T extends object>(
  base: T,
  make: () => GitlabApi,
): T & { gitlab: GitlabApi } {
  let client: GitlabApi | undefined;
  return Object.defineProperty(base, "gitlab", {
    enumerable: true,
    get: () => (client ??= make()),
  }) as T & { gitlab: GitlabApi };
}

export function tokenFromHeaders(
  headers: Headers,
): { token: string; kind: "oauth" | "pat" } | null {
  const priv = headers.get("private-token");
  if (priv) return { token: priv.trim(), kind: "pat" };
  const auth = headers.get("authorization");
  const m = auth?.match(/^Bearer\s+(.+)$/i);
  return m ? { token: m[1].trim(), kind: "oauth" } : null;
}

// Parallel first calls with one token (a script, a page's several requests) share a single
// lookup: one /user, one membership refresh, instead of one each.
const inflight = new Map<string, Promise<CurrentUser>>();

export async function authenticateToken(found: {
  token: string;
  kind: "oauth" | "pat";
}): Promise<TokenIdentity> {
  const key = createHash("sha256").update(found.token).digest("hex");
  const hit = cache.get(key);
  const client = () => gitlabClient({ kind: found.kind, token: found.token });
  if (hit && Date.now() - hit.at < TTL_MS) return lazyGitlab({ user: hit.user }, client);
  let pending = inflight.get(key);
  if (!pending) {
    // It writes (the user, their memberships): it completes even if every request waiting on
    // it is given up (db/request-work.ts).
    pending = outsideRequestWork(() => lookUp(client())).finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  const user = await pending;
  if (cache.size > 5000) cache.clear();
  cache.set(key, { user, at: Date.now() });
  return lazyGitlab({ user }, client);
}

async function lookUp(gitlab: GitlabApi): Promise<CurrentUser> {
  let profile: GitlabProfile;
  try {
    profile = await getCurrentGitlabUser(gitlab);
  } catch (e) {
    const err = toAppError(e, "User");
    if (
      err.code === "reauth_required" ||
      err.code === "unauthenticated" ||
      err.code === "not_found"
    )
      throw new AppError(
        "unauthenticated",
        "The GitLab token was not accepted (unknown, expired or revoked).",
      );
    throw err;
  }
  const row = await upsertUser(profile);
  if (isAccessStale(row.accessRefreshedAt)) {
    await refreshUserAccess(row.id, gitlab).catch((e) => {
      throw toAppError(e);
    });
  }
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    image: row.avatarUrl,
    isAdmin: row.isAdmin,
    isExternal: row.isExternal,
  };
}
