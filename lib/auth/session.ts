import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getUser } from "@/db/queries/users";
import { authOptions } from "./options";
import { ensureFreshAccess } from "./session-access";
import { hasTokens } from "./tokens";

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
  const [row, tokens] = await Promise.all([getUser(session.user.id), hasTokens(session.user.id)]);
  if (!row || !tokens) return null;
  if (!(await ensureFreshAccess(row))) return null;
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    image: row.avatarUrl,
    isAdmin: row.isAdmin,
    isExternal: row.isExternal,
  };
});

/** For pages: the user, or a redirect to sign-in that says why. */
export async function requireUser(): Promise<CurrentUser> {
  const session = await getSession();
  const user = await getCurrentUser();
  if (!user) redirect(session ? "/signin?error=SessionExpired" : "/signin");
  return user;
}
