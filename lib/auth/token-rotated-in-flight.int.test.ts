import { afterAll, afterEach, describe, expect, it } from "vitest";
import { closeDb, getSql } from "@/db";
import { readPackageSettings } from "@/lib/gitlab/package-settings";
import { userGitlab } from "@/lib/gitlab/user-client";
import { addFault, clearFaults } from "@/lib/testing/catalog-kit";
import { sandbox, signedInUser } from "@/lib/testing/oauth-kit";
import { refreshTokensLocked } from "./tokens";

// Two requests of one user. A reads the access token while it is fresh and sends it; before
// GitLab reads it, B (another tab or replica, just past the refresh margin) rotates the pair,
// and GitLab kills the old access token as it does. A's 401 is not the end of the user's
// sign-in: A is sent again with the current token. Before, A failed with reauth_required and
// its route deleted the pair B had just stored, signing the user out.
// The sandbox holds A's request (a latency fault, applied before the token is read) while B
// rotates.

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

  it("a token GitLab refuses for another reason is not sent again", async () => {
    const { user, pair } = await signedInUser(
      { id: 4, username: "developer", name: "Developer Sandbox" },
      3600_000,
    );
    // Revoked by the user in GitLab: the stored token is the one refused.
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
    expect(e).not.toBeNull();
    expect(await requests()).toBe(before + 1);
  });
});

async function requests() {
  const res = await fetch(`${sandbox()}/-/sandbox/state`);
  return ((await res.json()) as { requests: number }).requests;
}
