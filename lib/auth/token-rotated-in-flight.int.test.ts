import { afterAll, afterEach, describe, expect, it } from "vitest";
import { closeDb, getSql } from "@/db";
import { readPackageSettings } from "@/lib/gitlab/package-settings";
import { userGitlab } from "@/lib/gitlab/user-client";
import { addFault, clearFaults } from "@/lib/testing/catalog-kit";
import { sandbox, signedInUser } from "@/lib/testing/oauth-kit";
import { AppError } from "@/lib/errors";
import { getAccessToken, refreshTokensLocked } from "./tokens";

// GitLab answers 401 to a token the portal still holds as valid. Two ways this happens:
// - Two requests of one user. A reads the access token while it is fresh and sends it; before
//   GitLab reads it, B (another tab or replica, just past the refresh margin) rotates the
//   pair, and GitLab kills the old access token as it does. Before, A failed with
//   reauth_required and its route deleted the pair B had just stored, signing the user out.
//   The sandbox holds A's request (a latency fault, applied before the token is read) while B
//   rotates.
// - GitLab's clock runs ahead of the portal's by more than the refresh margin: the token has
//   expired there while it looks fresh here.
// In both, the request is sent again once with the renewed token. A token GitLab refuses for
// good (revoked with its refresh token) ends the sign-in after one refresh attempt.

afterAll(() => closeDb());
afterEach(() => clearFaults());

const HOLD_MS = 800;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const whoAmI = (token: string) =>
  fetch(`${sandbox()}/api/v4/user`, { headers: { authorization: `Bearer ${token}` } });

/** B: the pair looks stale to it (past the margin), so it refreshes and GitLab rotates it. */
async function rotate(userId: number) {
  await getSql()`
    update gitlab_tokens set expires_at = now() - interval '1 second' where user_id = ${userId}`;
  await refreshTokensLocked(userId);
}

describe("a token rotated while a request carrying it is in flight", () => {
  it("REST: the request is sent again with the new token and answered", async () => {
    const { user, pair } = await signedInUser(
      { id: 3, username: "maintainer", name: "Maintainer Sandbox" },
      3600_000,
    );
    await addFault({ latency_ms: HOLD_MS, path: "/api/v4/user", count: 1 });
    const pending = userGitlab(user.id).Users.showCurrentUser();
    await sleep(HOLD_MS / 3);
    await rotate(user.id);
    expect(((await pending) as { username: string }).username).toBe("maintainer");
    // It did carry the old token, which GitLab no longer accepts.
    expect((await whoAmI(pair.access_token)).status).toBe(401);
  });

  it("GraphQL: the same", async () => {
    const { user } = await signedInUser(
      { id: 2, username: "owner", name: "Owner Sandbox" },
      3600_000,
    );
    await addFault({ latency_ms: HOLD_MS, path: "/api/graphql", count: 1 });
    const pending = readPackageSettings(userGitlab(user.id), "platon");
    await sleep(HOLD_MS / 3);
    await rotate(user.id);
    expect(await pending).toHaveProperty("maven_duplicates_allowed");
  });

  it("a token GitLab has expired while this clock thinks it fresh is refreshed, and answered", async () => {
    const { user, pair } = await signedInUser(
      { id: 5, username: "reporter", name: "Reporter Sandbox" },
      3600_000,
    );
    // GitLab's clock runs ahead: to it the token has expired, to the portal it has an hour left.
    const res = await fetch(`${sandbox()}/-/sandbox/oauth-tokens/expire?username=reporter`, {
      method: "POST",
    });
    expect(((await res.json()) as { expired: number }).expired).toBeGreaterThanOrEqual(1);
    const me = (await userGitlab(user.id).Users.showCurrentUser()) as { username: string };
    expect(me.username).toBe("reporter");
    const now = await getAccessToken(user.id);
    expect(now).not.toBe(pair.access_token);
    expect((await whoAmI(now)).status).toBe(200);
  });

  it("a token GitLab refuses for good ends the sign-in, once", async () => {
    const { user, pair } = await signedInUser(
      { id: 4, username: "developer", name: "Developer Sandbox" },
      3600_000,
    );
    // Revoked in GitLab (the user revoked the application): its refresh token dies with it.
    await fetch(`${sandbox()}/oauth/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        token: pair.access_token,
        client_id: "portal-local",
        client_secret: "portal-local-secret",
      }),
    });
    const before = await requests();
    const e = await userGitlab(user.id)
      .Users.showCurrentUser()
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("reauth_required");
    // GET /user once, the refresh GitLab refused once; nothing sent again.
    expect(await requests()).toBe(before + 2);
    const rows = await getSql()`select 1 from gitlab_tokens where user_id = ${user.id}`;
    expect(rows).toHaveLength(0);
  });
});

async function requests() {
  const res = await fetch(`${sandbox()}/-/sandbox/state`);
  return ((await res.json()) as { requests: number }).requests;
}
