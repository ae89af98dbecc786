import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getUser } from "@/db/queries/users";
import { isAccessStale } from "@/lib/access/memberships";
import { authOptions } from "./options";
import { ensureFreshAccess } from "./session-access";
import { hasTokens } from "./tokens";
import { cachedSessionUser, keepSessionUser, sessionUserStamp } from "./user-cache";

export type CurrentUser = {
  id: number;
  username: string;
  name: string;
  image: string | null;
  isAdmin: boolean;
  isExternal: boolean;
};

/** next-auth's session for this request, read once however many callers ask. */
const getSession = cache(() => getServerSession(authOptions()));

/** The signed-in user, or null. A session whose GitLab tokens are gone counts as signed out. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getSession();
  if (!session?.user?.id) return null;
  return sessionUser(session.user.id);
});

/**
 * The user a session names, or null: unknown, their GitLab pair gone, or GitLab no longer
 * accepting it (found while refreshing stale memberships). Kept a few seconds (user-cache.ts).
 */
export async function sessionUser(userId: number): Promise<CurrentUser | null> {
  const hit = cachedSessionUser(userId);
  if (hit) return hit;
  const stamp = sessionUserStamp();
  const [row, tokens] = await Promise.all([getUser(userId), hasTokens(userId)]);
  if (!row || !tokens) return null;
  const fresh = !isAccessStale(row.accessRefreshedAt);
  if (!fresh && !(await ensureFreshAccess(row))) return null;
  const user: CurrentUser = {
    id: row.id,
    username: row.username,
    name: row.name,
    image: row.avatarUrl,
    isAdmin: row.isAdmin,
    isExternal: row.isExternal,
  };
  if (fresh) keepSessionUser(user, stamp);
  return user;
}

/** For pages: the user, or a redirect to sign-in that says why. */
export async function requireUser(): Promise<CurrentUser> {
  const session = await getSession();
  const user = await getCurrentUser();
  if (!user) redirect(session ? "/signin?error=SessionExpired" : "/signin");
  return user;
}
