import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { upsertUser } from "@/db/queries/users";
import { gitlabTokens } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { sandbox, signedInUser } from "@/lib/testing/oauth-kit";
import { getAccessToken, refreshTokensLocked, storeTokens } from "./tokens";

// Real OAuth against the sandbox: sign in over HTTP, exchange the code, then prove that two
// racing refreshes (as two replicas would) rotate the pair exactly once.

const whoAmI = (token: string) =>
  fetch(`${sandbox()}/api/v4/user`, { headers: { authorization: `Bearer ${token}` } });

afterAll(() => closeDb());

describe("GitLab token refresh", () => {
  it("two racing refreshes rotate the pair once, and both callers get the new token", async () => {
    // Stored as already expired, so the next use must refresh.
    const { user, pair } = await signedInUser(
      { id: 3, username: "maintainer", name: "Maintainer Sandbox" },
      -1000,
    );
    const [before] = await getDb()
      .select()
      .from(gitlabTokens)
      .where(eq(gitlabTokens.userId, user.id));

    const [a, b] = await Promise.all([refreshTokensLocked(user.id), refreshTokensLocked(user.id)]);

    expect(a).toBe(b);
    expect(a).not.toBe(pair.access_token);
    const [after] = await getDb()
      .select()
      .from(gitlabTokens)
      .where(eq(gitlabTokens.userId, user.id));
    expect(after.generation).toBe(before.generation + 1);
    expect((await whoAmI(a)).status).toBe(200);
    // Rotation: GitLab killed the old access token.
    expect((await whoAmI(pair.access_token)).status).toBe(401);
    // And the stored pair is fresh now: no further refresh.
    expect(await getAccessToken(user.id)).toBe(a);
  });

  it("a refresh token GitLab refuses ends the session with reauth_required and forgets the pair", async () => {
    const user = await upsertUser({ id: 4, username: "developer", name: "Developer Sandbox" });
    await storeTokens(user.id, {
      accessToken: "dead",
      refreshToken: "not-a-real-refresh-token",
      expiresAt: new Date(Date.now() - 1000),
      scope: "read_user api",
    });
    const err = await getAccessToken(user.id).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("reauth_required");
    const rows = await getDb().select().from(gitlabTokens).where(eq(gitlabTokens.userId, user.id));
    expect(rows).toHaveLength(0);
  });

  it("stores tokens encrypted, never in clear", async () => {
    const user = await upsertUser({ id: 5, username: "reporter", name: "Reporter Sandbox" });
    await storeTokens(user.id, {
      accessToken: "plain-access-token-value",
      refreshToken: "plain-refresh-token-value",
      expiresAt: new Date(Date.now() + 3600_000),
      scope: "read_user api",
    });
    const [row] = await getDb().select().from(gitlabTokens).where(eq(gitlabTokens.userId, user.id));
    expect(row.accessTokenEnc).not.toContain("plain-access-token-value");
    expect(row.refreshTokenEnc).not.toContain("plain-refresh-token-value");
    expect(await getAccessToken(user.id)).toBe("plain-access-token-value");
  });
});
