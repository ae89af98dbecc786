import { createHash, randomBytes } from "node:crypto";
import { upsertUser } from "@/db/queries/users";
import { storeTokens } from "@/lib/auth/tokens";
import { env } from "@/lib/env";

// Signs a fixture user in to the sandbox over HTTP (authorize → sign-in form → code →
// token), the way a browser and next-auth would, and returns GitLab's token pair.

const REDIRECT = "http://localhost:3999/api/auth/callback/gitlab";
export const sandbox = () => env().gitlabUrl;

export async function obtainTokens(username: string) {
  const verifier = randomBytes(40).toString("base64url");
  const q = new URLSearchParams({
    client_id: "portal-local",
    redirect_uri: REDIRECT,
    response_type: "code",
    state: "s",
    scope: "read_user api",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  });
  const first = await fetch(`${sandbox()}/oauth/authorize?${q}`, { redirect: "manual" });
  const signInPage = await fetch(new URL(first.headers.get("location")!, sandbox()));
  const returnTo = /name="return_to" value="([^"]+)"/
    .exec(await signInPage.text())![1]
    .replace(/&amp;/g, "&");
  const signedIn = await fetch(`${sandbox()}/users/sign_in`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      "user[login]": username,
      "user[password]": "password",
      return_to: returnTo,
    }),
  });
  const cookie = signedIn.headers.get("set-cookie")!.split(";")[0];
  const back = await fetch(new URL(signedIn.headers.get("location")!, sandbox()), {
    headers: { cookie },
    redirect: "manual",
  });
  const code = new URL(back.headers.get("location")!).searchParams.get("code")!;
  const res = await fetch(`${sandbox()}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      client_id: "portal-local",
      client_secret: "portal-local-secret",
    }),
  });
  if (res.status !== 200) throw new Error(`token exchange failed: ${res.status}`);
  return (await res.json()) as { access_token: string; refresh_token: string };
}

/**
 * A fixture user signed in through the sandbox, their real token pair stored as the portal
 * stores it, expiring `expiresInMs` from now (negative: already expired, the next use refreshes).
 */
export async function signedInUser(
  who: { id: number; username: string; name: string },
  expiresInMs: number,
) {
  const user = await upsertUser(who);
  const pair = await obtainTokens(who.username);
  await storeTokens(user.id, {
    accessToken: pair.access_token,
    refreshToken: pair.refresh_token,
    expiresAt: new Date(Date.now() + expiresInMs),
    scope: "read_user api",
  });
  return { user, pair };
}
