// OAuth 2 authorization endpoint and the sign-in form (facts §6). The app is trusted: no consent.
import { Hono } from "hono";
import type { Ctx, SandboxEnv } from "../http/env";
import { errorPage, signInPage } from "../http/pages";
import { endSession, sessionUser, startSession } from "../http/session";
import { isRegisteredRedirect, OAUTH_APP, randomToken } from "../state/oauth";

export const oauthRoutes = new Hono<SandboxEnv>();

function redirectWith(c: Ctx, uri: string, params: Record<string, string | undefined>) {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return c.redirect(url.toString(), 302);
}

// GET /oauth/authorize — sign in if needed, then redirect back with a code
oauthRoutes.get("/oauth/authorize", (c) => {
  const q = c.req.query();
  if (q.client_id !== OAUTH_APP.clientId) {
    return c.html(
      errorPage("Unknown client", "Client authentication failed due to unknown client."),
      401,
    );
  }
  if (!q.redirect_uri || !isRegisteredRedirect(q.redirect_uri)) {
    return c.html(errorPage("Invalid redirect", "The redirect URI included is not valid."), 400);
  }
  const state = q.state;
  if (q.response_type !== "code") {
    return redirectWith(c, q.redirect_uri, {
      error: "unsupported_response_type",
      error_description: "The authorization server does not support this response type.",
      state,
    });
  }
  const scopes = (q.scope ?? "api").split(/[\s+]+/).filter(Boolean);
  if (scopes.length === 0 || !scopes.every((s) => OAUTH_APP.scopes.includes(s))) {
    return redirectWith(c, q.redirect_uri, {
      error: "invalid_scope",
      error_description: "The requested scope is invalid, unknown, or malformed.",
      state,
    });
  }
  const method = q.code_challenge_method ?? (q.code_challenge ? "plain" : undefined);
  if (q.code_challenge && method !== "S256" && method !== "plain") {
    return redirectWith(c, q.redirect_uri, {
      error: "invalid_request",
      error_description: "Code challenge method is not supported.",
      state,
    });
  }
  const user = sessionUser(c);
  if (!user) {
    const returnTo = `/oauth/authorize?${new URL(c.req.url).searchParams.toString()}`;
    return c.redirect(`/users/sign_in?return_to=${encodeURIComponent(returnTo)}`, 302);
  }
  const code = randomToken();
  c.get("rt").store.authCodes.set(code, {
    code,
    userId: user.id,
    clientId: OAUTH_APP.clientId,
    redirectUri: q.redirect_uri,
    scopes,
    challenge: q.code_challenge ?? null,
    challengeMethod: method ?? null,
    nonce: q.nonce ?? null,
    expiresAt: Date.now() + 10 * 60_000,
  });
  return redirectWith(c, q.redirect_uri, { code, state });
});

const safeReturn = (v: unknown) =>
  typeof v === "string" && v.startsWith("/oauth/authorize?") ? v : "/";

// GET /users/sign_in — the sign-in form
oauthRoutes.get("/users/sign_in", (c) =>
  c.html(signInPage(safeReturn(c.req.query("return_to")), null)),
);

// POST /users/sign_in — check login + password, start a session, go back to authorize
oauthRoutes.post("/users/sign_in", async (c) => {
  const form = await c.req.parseBody();
  const login = String(form["user[login]"] ?? "").trim();
  const password = String(form["user[password]"] ?? "");
  const returnTo = safeReturn(form.return_to);
  const user = c.get("rt").store.usersByLogin.get(login.toLowerCase());
  if (!user || password !== "password") {
    return c.html(signInPage(returnTo, "Invalid login or password.", login), 200);
  }
  startSession(c, user);
  return c.redirect(returnTo, 302);
});

// GET|POST /users/sign_out — clear the sandbox session
const signOut = (c: Ctx) => {
  endSession(c);
  return c.redirect("/users/sign_in", 302);
};
oauthRoutes.get("/users/sign_out", signOut);
oauthRoutes.post("/users/sign_out", signOut);
