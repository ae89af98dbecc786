// OAuth application, authorization codes and token pairs (facts §6).
import { createHash, createHmac, randomBytes } from "node:crypto";
import type { Runtime } from "./runtime";
import type { OAuthToken } from "./types";

export const OAUTH_APP = {
  clientId: "portal-local",
  clientSecret: "portal-local-secret",
  name: "Package Portal (local)",
  redirectUri: "http://localhost:3000/api/auth/callback/gitlab",
  scopes: ["api", "read_api", "read_user", "openid", "profile", "email"],
};

const CALLBACK_PATH = "/api/auth/callback/gitlab";

/** The registered URI, or the same callback on any loopback port (tests run the portal on random ports). */
export function isRegisteredRedirect(uri: string): boolean {
  if (uri === OAUTH_APP.redirectUri) return true;
  try {
    const u = new URL(uri);
    return (
      u.protocol === "http:" &&
      (u.hostname === "localhost" || u.hostname === "127.0.0.1") &&
      u.pathname === CALLBACK_PATH &&
      !u.search &&
      !u.hash
    );
  } catch {
    return false;
  }
}

export const randomToken = (prefix = "") => prefix + randomBytes(32).toString("hex");

export function issueToken(
  rt: Runtime,
  userId: number,
  scopes: string[],
  clientId: string,
): OAuthToken {
  const now = Date.now();
  const t: OAuthToken = {
    accessToken: randomToken(),
    refreshToken: randomToken(),
    userId,
    scopes,
    clientId,
    createdAt: now,
    expiresAt: now + rt.tokenTtlSeconds * 1000,
    revoked: false,
  };
  rt.store.oauthByAccess.set(t.accessToken, t);
  rt.store.oauthByRefresh.set(t.refreshToken, t);
  rt.changed();
  return t;
}

export function tokenResponse(rt: Runtime, t: OAuthToken, idToken?: string) {
  return {
    access_token: t.accessToken,
    token_type: "Bearer",
    expires_in: Math.max(0, Math.round((t.expiresAt - t.createdAt) / 1000)),
    refresh_token: t.refreshToken,
    scope: t.scopes.join(" "),
    created_at: Math.floor(t.createdAt / 1000),
    ...(idToken ? { id_token: idToken } : {}),
  };
}

export type AccessLookup =
  { ok: true; token: OAuthToken } | { ok: false; reason: "unknown" | "expired" | "revoked" };

export function lookupAccessToken(rt: Runtime, value: string): AccessLookup {
  const t = rt.store.oauthByAccess.get(value);
  if (!t) return { ok: false, reason: "unknown" };
  if (t.revoked) return { ok: false, reason: "revoked" };
  if (Date.now() >= t.expiresAt) return { ok: false, reason: "expired" };
  return { ok: true, token: t };
}

export function verifyPkce(
  challenge: string,
  method: string | null,
  verifier: string | undefined,
): boolean {
  if (!verifier) return false;
  if (method === "plain") return verifier === challenge;
  const digest = createHash("sha256").update(verifier).digest("base64url");
  return digest === challenge;
}

/** A compact HS256 JWT signed with the client secret (enough for tests; not GitLab's RS256). */
export function idTokenFor(rt: Runtime, t: OAuthToken, nonce: string | null): string {
  const user = rt.store.usersById.get(t.userId)!;
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const header = enc({ alg: "HS256", typ: "JWT" });
  const payload = enc({
    iss: rt.publicUrl,
    sub: String(user.id),
    aud: t.clientId,
    exp: now + 120,
    iat: now,
    auth_time: now,
    sub_legacy: createHash("sha256").update(String(user.id)).digest("hex"),
    name: user.name,
    nickname: user.username,
    preferred_username: user.username,
    email: user.email,
    email_verified: true,
    ...(nonce ? { nonce } : {}),
  });
  const sig = createHmac("sha256", OAUTH_APP.clientSecret)
    .update(`${header}.${payload}`)
    .digest("base64url");
  return `${header}.${payload}.${sig}`;
}
