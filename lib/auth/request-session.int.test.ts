import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/me/route";
import { GET as catalog } from "@/app/api/packages/route";
import { closeDb, getDb } from "@/db";
import { upsertUser } from "@/db/queries/users";
import { gitlabTokens } from "@/db/schema";
import { env } from "@/lib/env";
import { obtainTokens } from "@/lib/testing/oauth-kit";
import { forgetTokens, storeTokens } from "./tokens";
import { SESSION_USER_TTL_MS } from "./user-cache";

// The browser calls the JSON API with its session cookie (the search box, every delete). The
// cookie is decrypted once and the user behind it kept a few seconds: what a user notices is
// that signing out ends the session at once, and that a forged or expired cookie is nobody.

afterAll(() => closeDb());

let userId: number;

beforeAll(async () => {
  const user = await upsertUser({ id: 5, username: "reporter", name: "Reporter Sandbox" });
  userId = user.id;
});

async function signIn() {
  const pair = await obtainTokens("reporter");
  await storeTokens(userId, {
    accessToken: pair.access_token,
    refreshToken: pair.refresh_token,
    expiresAt: new Date(Date.now() + 3600_000),
    scope: "read_user api",
  });
}

const cookieFor = (
  token: Record<string, unknown>,
  opts: { maxAge?: number; secret?: string } = {},
) => encode({ token, secret: opts.secret ?? env().nextAuthSecret, maxAge: opts.maxAge });

type Handler = typeof me;
async function call(handler: Handler, path: string, cookie: string | null) {
  const req = new NextRequest(`http://localhost:3999${path}`, {
    headers: cookie === null ? {} : { cookie: `next-auth.session-token=${cookie}` },
  });
  const res = await handler(req, { params: Promise.resolve({}) });
  return { status: res.status, body: await res.json() };
}
/** /api/me asks GitLab with the user's own token; the catalog reads the mirror only. */
const callMe = (cookie: string | null) => call(me, "/api/me", cookie);
const search = (cookie: string | null) => call(catalog, "/api/packages?q=platon", cookie);

describe("the API with a session cookie", () => {
  it("answers as the signed-in user, and refuses the cookie as soon as they sign out", async () => {
    await signIn();
    const cookie = await cookieFor({ sub: String(userId), name: "Reporter Sandbox" });
    const first = await callMe(cookie);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ username: "reporter", via: "session" });
    expect(first.body.gitlab.connected).toBe(true);
    // Searching (the mirror only, no GitLab call): answered from the kept user.
    expect((await search(cookie)).status).toBe(200);
    expect((await search(cookie)).status).toBe(200);

    await forgetTokens(userId); // what signing out does
    const after = await search(cookie);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("reauth_required");
  });

  it("notices a pair dropped by another replica within the cache's lifetime", async () => {
    await signIn();
    const cookie = await cookieFor({ sub: String(userId) });
    expect((await search(cookie)).status).toBe(200);
    expect((await search(cookie)).status).toBe(200);
    // Another process deleted the pair: this one cannot know before its entry expires.
    await getDb().delete(gitlabTokens).where(eq(gitlabTokens.userId, userId));
    await new Promise((r) => setTimeout(r, SESSION_USER_TTL_MS + 200));
    const after = await search(cookie);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("reauth_required");
  });

  it("treats a forged, foreign or expired cookie, or none, as nobody", async () => {
    await signIn();
    const forged = await search("not-a-session");
    const foreign = await search(
      await cookieFor({ sub: String(userId) }, { secret: "another-portal-secret-0000000000" }),
    );
    const expired = await search(await cookieFor({ sub: String(userId) }, { maxAge: -60 }));
    const none = await search(null);
    for (const r of [forged, foreign, expired, none]) {
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe("unauthenticated");
    }
    // The same user's valid cookie still works: nothing above was remembered as them.
    expect((await search(await cookieFor({ sub: String(userId) }))).status).toBe(200);
  });
});
