// OAuth 2 token endpoint, revocation, token info and OIDC userinfo (facts §6).
import { Hono } from "hono";
import type { Ctx, SandboxEnv } from "../http/env";
import { readBody } from "../http/body";
import {
  idTokenFor,
  issueToken,
  lookupAccessToken,
  OAUTH_APP,
  tokenResponse,
  verifyPkce,
} from "../state/oauth";

export const oauthTokenRoutes = new Hono<SandboxEnv>();

const INVALID_GRANT = {
  error: "invalid_grant",
  error_description:
    "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
};
const INVALID_CLIENT = {
  error: "invalid_client",
  error_description:
    "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.",
};

/** Client credentials from HTTP Basic or the body; null when they do not match the app. */
function authenticateClient(c: Ctx, body: Record<string, unknown>): boolean {
  let id = typeof body.client_id === "string" ? body.client_id : undefined;
  let secret = typeof body.client_secret === "string" ? body.client_secret : undefined;
  const basic = c.req.header("authorization")?.match(/^Basic\s+(.+)$/i)?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, "base64").toString("utf8");
    const i = decoded.indexOf(":");
    id = decodeURIComponent(decoded.slice(0, i));
    secret = decodeURIComponent(decoded.slice(i + 1));
  }
  return id === OAUTH_APP.clientId && secret === OAUTH_APP.clientSecret;
}

const noStore = (c: Ctx) => {
  c.header("cache-control", "no-store");
  c.header("pragma", "no-cache");
};

// POST /oauth/token — authorization_code and refresh_token grants
oauthTokenRoutes.post("/oauth/token", async (c) => {
  const rt = c.get("rt");
  const body = await readBody(c);
  noStore(c);
  if (!authenticateClient(c, body)) return c.json(INVALID_CLIENT, 401);
  const grant = body.grant_type;
  if (grant === "authorization_code") {
    if (typeof body.code !== "string" || !body.code) {
      return c.json(
        { error: "invalid_request", error_description: "Missing required parameter: code." },
        400,
      );
    }
    const code = rt.store.authCodes.get(body.code);
    rt.store.authCodes.delete(body.code); // single use, even when the exchange fails
    if (!code || code.expiresAt < Date.now() || code.redirectUri !== body.redirect_uri) {
      return c.json(INVALID_GRANT, 400);
    }
    if (code.challenge) {
      const verifier = typeof body.code_verifier === "string" ? body.code_verifier : undefined;
      if (!verifyPkce(code.challenge, code.challengeMethod, verifier))
        return c.json(INVALID_GRANT, 400);
    }
    const t = issueToken(rt, code.userId, code.scopes, code.clientId);
    const idToken = code.scopes.includes("openid") ? idTokenFor(rt, t, code.nonce) : undefined;
    return c.json(tokenResponse(rt, t, idToken));
  }
  if (grant === "refresh_token") {
    const old =
      typeof body.refresh_token === "string"
        ? rt.store.oauthByRefresh.get(body.refresh_token)
        : undefined;
    if (!old || old.revoked || old.clientId !== OAUTH_APP.clientId)
      return c.json(INVALID_GRANT, 400);
    old.revoked = true; // rotation: the old access and refresh token both die
    const t = issueToken(rt, old.userId, old.scopes, old.clientId);
    return c.json(tokenResponse(rt, t));
  }
  if (grant === undefined) {
    return c.json(
      { error: "invalid_request", error_description: "Missing required parameter: grant_type." },
      400,
    );
  }
  return c.json(
    {
      error: "unsupported_grant_type",
      error_description:
        "The authorization grant type is not supported by the authorization server.",
    },
    400,
  );
});

// POST /oauth/revoke — revoke an access or refresh token (always 200 {})
oauthTokenRoutes.post("/oauth/revoke", async (c) => {
  const rt = c.get("rt");
  const body = await readBody(c);
  if (!authenticateClient(c, body)) return c.json(INVALID_CLIENT, 401);
  const value = typeof body.token === "string" ? body.token : "";
  const t = rt.store.oauthByAccess.get(value) ?? rt.store.oauthByRefresh.get(value);
  if (t && !t.revoked) {
    t.revoked = true;
    rt.changed();
  }
  return c.json({});
});

function bearerToken(c: Ctx) {
  const value =
    c.req.header("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1] ??
    c.req.query("access_token") ??
    "";
  return lookupAccessToken(c.get("rt"), value);
}

// GET /oauth/token/info — introspection of the bearer token
oauthTokenRoutes.get("/oauth/token/info", (c) => {
  const found = bearerToken(c);
  if (!found.ok) {
    return c.json(
      {
        error: "invalid_token",
        error_description: "The access token is invalid",
        state: "unauthorized",
      },
      401,
    );
  }
  const t = found.token;
  const expiresIn = Math.max(0, Math.floor((t.expiresAt - Date.now()) / 1000));
  return c.json({
    resource_owner_id: t.userId,
    scope: t.scopes,
    expires_in: expiresIn,
    application: { uid: t.clientId },
    created_at: Math.floor(t.createdAt / 1000),
    expires_in_seconds: expiresIn,
    scopes: t.scopes,
  });
});

// GET /oauth/userinfo — OIDC claims, needs the openid scope
const userinfo = (c: Ctx) => {
  const rt = c.get("rt");
  const found = bearerToken(c);
  if (!found.ok) {
    return c.json(
      { error: "invalid_token", error_description: "The access token is invalid" },
      401,
    );
  }
  if (!found.token.scopes.includes("openid")) {
    return c.json(
      {
        error: "insufficient_scope",
        error_description:
          "The request requires higher privileges than provided by the access token.",
        scope: "openid",
      },
      403,
    );
  }
  const user = rt.store.usersById.get(found.token.userId)!;
  const direct = new Set(
    rt.store.memberships
      .filter((m) => m.userId === user.id && m.kind === "group")
      .map((m) => m.sourceId),
  );
  const groups = rt.store.groups
    .filter((g) => rt.store.ancestors(g.id).some((a) => direct.has(a.id)))
    .map((g) => g.fullPath);
  return c.json({
    sub: String(user.id),
    sub_legacy: String(user.id),
    name: user.name,
    nickname: user.username,
    preferred_username: user.username,
    email: user.email,
    email_verified: true,
    website: "",
    profile: `${rt.publicUrl}/${user.username}`,
    picture: `${rt.publicUrl}/uploads/-/system/user/avatar/${user.id}/avatar.png`,
    groups,
    groups_direct: [...direct].map((id) => rt.store.groupsById.get(id)!.fullPath),
  });
};
oauthTokenRoutes.get("/oauth/userinfo", userinfo);
oauthTokenRoutes.post("/oauth/userinfo", userinfo);
