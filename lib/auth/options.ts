import type { NextAuthOptions } from "next-auth";
import GitLabProvider from "next-auth/providers/gitlab";
import { upsertUser, type GitlabProfile } from "@/db/queries/users";
import { refreshUserAccess } from "@/lib/access/memberships";
import { env } from "@/lib/env";
import { gitlabClient } from "@/lib/gitlab/client";
import { withGitlabDeadline } from "@/lib/gitlab/deadline";
import { forgetTokens, storeTokens } from "./tokens";

// `api` is needed to delete packages; `read_user` for the profile. No `openid`: with it
// GitLab returns an id_token that next-auth's plain OAuth path rejects.
export const GITLAB_SCOPES = "read_user api";

export function authOptions(): NextAuthOptions {
  const e = env();
  return {
    secret: e.nextAuthSecret,
    session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      GitLabProvider({
        clientId: e.oauthClientId,
        clientSecret: e.oauthClientSecret,
        authorization: { url: `${e.gitlabUrl}/oauth/authorize`, params: { scope: GITLAB_SCOPES } },
        token: `${e.gitlabUrl}/oauth/token`,
        userinfo: `${e.gitlabUrl}/api/v4/user`,
      }),
    ],
    callbacks: {
      async jwt({ token, account, profile }) {
        if (account && profile) {
          const p = profile as unknown as GitlabProfile;
          const user = await upsertUser(p);
          if (!account.access_token || !account.refresh_token) {
            throw new Error("GitLab did not return a refresh token");
          }
          await storeTokens(user.id, {
            accessToken: account.access_token,
            refreshToken: account.refresh_token,
            expiresAt: new Date((account.expires_at ?? Date.now() / 1000 + 7200) * 1000),
            scope: account.scope ?? GITLAB_SCOPES,
          });
          // Bounded like any request: GitLab down makes sign-in fail in time, not hang.
          await withGitlabDeadline(e.gitlabDeadlineMs, () =>
            refreshUserAccess(
              user.id,
              gitlabClient({ kind: "oauth", token: account.access_token! }),
            ),
          );
          // The cookie carries who the user is, nothing more.
          return {
            sub: String(user.id),
            name: user.name,
            username: user.username,
            picture: user.avatarUrl,
          };
        }
        return token;
      },
      async session({ session, token }) {
        session.user = {
          id: Number(token.sub),
          username: String(token.username ?? ""),
          name: token.name ?? "",
          image: (token.picture as string | null | undefined) ?? null,
        };
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sub) await forgetTokens(Number(token.sub), { revoke: true });
      },
    },
  };
}
