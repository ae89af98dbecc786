import { createHash, randomBytes } from "node:crypto";
import { Gitlab } from "@gitbeaker/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../src/server";
import { api, call, start } from "./helpers";

const CLIENT = "portal-local";
const SECRET = "portal-local-secret";
const REDIRECT = "http://localhost:43123/api/auth/callback/gitlab";
const basic = (id = CLIENT, secret = SECRET) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const FORM = { "content-type": "application/x-www-form-urlencoded" };

let sb: RunningSandbox;
let main: RunningSandbox;
beforeAll(async () => {
  main = sb = await start();
});
afterAll(() => main.close());

/** The browser part: authorize → sign-in form → authorize → redirect with code. */
async function authorize(username: string, scope = "read_user api") {
  const verifier = randomBytes(40).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const state = randomBytes(8).toString("hex");
  const q = new URLSearchParams({
    client_id: CLIENT,
    redirect_uri: REDIRECT,
    response_type: "code",
    state,
    scope,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  const first = await call(sb, `/oauth/authorize?${q}`);
  expect(first.status).toBe(302);
  const signInUrl = first.headers.get("location")!;
  const page = await call(sb, signInUrl);
  expect(page.status).toBe(200);
  expect(page.body).toContain('name="user[login]"');
  expect(page.body).toContain('name="user[password]"');
  expect(page.body).toMatch(/<button[^>]*>Sign in<\/button>/);
  const returnTo = /name="return_to" value="([^"]+)"/.exec(page.body)![1].replace(/&amp;/g, "&");
  const wrong = await call(sb, "/users/sign_in", {
    method: "POST",
    headers: FORM,
    body: form({ "user[login]": username, "user[password]": "nope", return_to: returnTo }),
  });
  expect(wrong.body).toContain("Invalid login or password.");
  const ok = await call(sb, "/users/sign_in", {
    method: "POST",
    headers: FORM,
    body: form({ "user[login]": username, "user[password]": "password", return_to: returnTo }),
  });
  expect(ok.status).toBe(302);
  const cookie = ok.headers.get("set-cookie")!.split(";")[0];
  const back = await call(sb, ok.headers.get("location")!, { headers: { cookie } });
  expect(back.status).toBe(302);
  const redirect = new URL(back.headers.get("location")!);
  expect(`${redirect.origin}${redirect.pathname}`).toBe(REDIRECT);
  expect(redirect.searchParams.get("state")).toBe(state);
  return { code: redirect.searchParams.get("code")!, verifier, cookie };
}

async function exchange(code: string, verifier: string, auth: "basic" | "body" = "basic") {
  const params: Record<string, string> = {
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
  };
  const headers: Record<string, string> = { ...FORM };
  if (auth === "basic") headers.authorization = basic();
  else Object.assign(params, { client_id: CLIENT, client_secret: SECRET });
  return call(sb, "/oauth/token", { method: "POST", headers, body: form(params) });
}

const refresh = (token: string) =>
  call(sb, "/oauth/token", {
    method: "POST",
    headers: { ...FORM, authorization: basic() },
    body: form({ grant_type: "refresh_token", refresh_token: token }),
  });

describe("authorization code + PKCE", () => {
  it("signs in through the HTML form and exchanges the code (Basic client auth)", async () => {
    const { code, verifier } = await authorize("maintainer");
    const r = await exchange(code, verifier);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      token_type: "Bearer",
      expires_in: 7200,
      scope: "read_user api",
    });
    expect(r.body).not.toHaveProperty("id_token");
    expect(typeof r.body.created_at).toBe("number");
    const me = await api(sb, "/user", { token: r.body.access_token });
    expect(me.body.username).toBe("maintainer");
    const gl = new Gitlab({ host: sb.url, oauthToken: r.body.access_token });
    expect((await gl.Users.showCurrentUser()).id).toBe(3);
    // the code is single-use
    const again = await exchange(code, verifier);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe("invalid_grant");
  });

  it("accepts client credentials in the body; wrong verifier → invalid_grant; bad client → 401", async () => {
    const a = await authorize("developer");
    const bad = await exchange(a.code, "x".repeat(43), "body");
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      error: "invalid_grant",
      error_description:
        "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
    });
    const b = await authorize("developer");
    const ok = await exchange(b.code, b.verifier, "body");
    expect(ok.status).toBe(200);
    const client = await call(sb, "/oauth/token", {
      method: "POST",
      headers: { ...FORM, authorization: basic(CLIENT, "wrong") },
      body: form({ grant_type: "refresh_token", refresh_token: ok.body.refresh_token }),
    });
    expect(client.status).toBe(401);
    expect(client.body.error).toBe("invalid_client");
  });

  it("unknown client renders an HTML error (no redirect); invalid scope redirects with error", async () => {
    const unknown = await call(
      sb,
      `/oauth/authorize?client_id=nope&redirect_uri=${encodeURIComponent(REDIRECT)}`,
    );
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("content-type")).toContain("text/html");
    const badUri = await call(
      sb,
      `/oauth/authorize?client_id=${CLIENT}&redirect_uri=https://evil.example/cb`,
    );
    expect(badUri.status).toBe(400);
    const scope = await call(
      sb,
      `/oauth/authorize?client_id=${CLIENT}&response_type=code&state=s1&scope=sudo&redirect_uri=${encodeURIComponent(REDIRECT)}`,
    );
    expect(scope.status).toBe(302);
    const loc = new URL(scope.headers.get("location")!);
    expect(loc.searchParams.get("error")).toBe("invalid_scope");
    expect(loc.searchParams.get("state")).toBe("s1");
  });

  it("openid scope adds an id_token and enables /oauth/userinfo", async () => {
    const { code, verifier } = await authorize("owner", "openid read_user");
    const r = await exchange(code, verifier);
    expect(r.body.id_token.split(".")).toHaveLength(3);
    const info = await call(sb, "/oauth/userinfo", { token: r.body.access_token });
    expect(info.body).toMatchObject({ sub: "2", nickname: "owner" });
    expect(info.body.groups).toContain("platon/backend");
  });

  it("revoke returns {} and kills the token; read_user token cannot list packages", async () => {
    const { code, verifier } = await authorize("owner", "read_user");
    const t = (await exchange(code, verifier)).body;
    const packages = await api(sb, "/projects/1/packages", { token: t.access_token });
    expect(packages.status).toBe(403);
    expect(packages.body.error).toBe("insufficient_scope");
    const rev = await call(sb, "/oauth/revoke", {
      method: "POST",
      headers: { ...FORM, authorization: basic() },
      body: form({ token: t.access_token }),
    });
    expect(rev.status).toBe(200);
    expect(rev.body).toEqual({});
    expect((await api(sb, "/user", { token: t.access_token })).status).toBe(401);
  });
});

describe("POST /-/sandbox/oauth-tokens/expire", () => {
  it("expires the user's live access tokens now; their refresh tokens still work", async () => {
    const { code, verifier } = await authorize("guest");
    const pair = (await exchange(code, verifier)).body;
    expect((await api(sb, "/user", { token: pair.access_token })).status).toBe(200);
    const r = await call(sb, "/-/sandbox/oauth-tokens/expire?username=guest", { method: "POST" });
    expect(r.status).toBe(200);
    expect(r.body.expired).toBeGreaterThanOrEqual(1);
    const expired = await api(sb, "/user", { token: pair.access_token });
    expect(expired.status).toBe(401);
    expect(expired.body.error_description).toMatch(/^Token is expired/);
    const renewed = await refresh(pair.refresh_token);
    expect(renewed.status).toBe(200);
    expect((await api(sb, "/user", { token: renewed.body.access_token })).status).toBe(200);
    const unknown = await call(sb, "/-/sandbox/oauth-tokens/expire?username=nobody", {
      method: "POST",
    });
    expect(unknown.status).toBe(404);
  });
});

describe("token lifetime and rotation (SANDBOX_TOKEN_TTL=1)", () => {
  let short: RunningSandbox;
  beforeAll(async () => {
    sb = short = await start({ tokenTtlSeconds: 1 });
  });
  afterAll(async () => {
    sb = main;
    await short.close();
  });

  it("access token expires after the TTL; refresh rotates and the old pair dies", async () => {
    const { code, verifier } = await authorize("reporter");
    const first = (await exchange(code, verifier)).body;
    expect(first.expires_in).toBe(1);
    expect((await api(sb, "/user", { token: first.access_token })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    const expired = await api(sb, "/user", { token: first.access_token });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({
      error: "invalid_token",
      error_description: "Token is expired. You can either do re-authorization or token refresh.",
    });
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect((await api(sb, "/user", { token: second.body.access_token })).body.username).toBe(
      "reporter",
    );
    const reuse = await refresh(first.refresh_token);
    expect(reuse.status).toBe(400);
    expect(reuse.body.error).toBe("invalid_grant");
    // a fresh pair's old access token is revoked by the next refresh
    const third = await refresh(second.body.refresh_token);
    const revoked = await api(sb, "/user", { token: second.body.access_token });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error_description).toBe(
      "Token was revoked. You have to re-authorize from the user.",
    );
    expect(third.status).toBe(200);
  });
});
