// REST authentication (facts §0): PAT, OAuth bearer, job token; scope checks per request.
import type { MiddlewareHandler } from "hono";
import { ANONYMOUS, type Caller } from "../state/access";
import { lookupAccessToken } from "../state/oauth";
import type { Runtime } from "../state/runtime";
import type { Ctx, SandboxEnv } from "./env";
import { pmAuthenticate, pmFormatOf } from "./pm-auth";

const PAT = /^glpat-sandbox-([a-z]+)(-read)?$/;
const JOB = /^glcbt-sandbox-(\d+)$/;
/** routes that take a CI job token (project package routes) */
const JOB_ROUTES = /^\/api\/v4\/projects\/[^/]+\/packages(\/|$)/;

const oauthError = (c: Ctx, description: string) =>
  c.json({ error: "invalid_token", error_description: description }, 401);

function patCaller(rt: Runtime, token: string): Caller | null {
  const m = PAT.exec(token);
  const user = m ? rt.store.usersByLogin.get(m[1]) : undefined;
  if (!m || !user) return null;
  return { user, kind: "pat", scopes: m[2] ? ["read_api"] : ["api"] };
}

export const authenticate: MiddlewareHandler<SandboxEnv> = async (c, next) => {
  const format = pmFormatOf(new URL(c.req.url).pathname);
  if (format) return pmAuthenticate(c, next, format);
  const rt = c.get("rt");
  const privateToken = c.req.header("private-token") ?? c.req.query("private_token");
  const authz = c.req.header("authorization");
  const bearer = authz?.match(/^Bearer\s+(.+)$/i)?.[1] ?? c.req.query("access_token");
  const jobToken = c.req.header("job-token") ?? c.req.query("job_token");

  let caller: Caller = ANONYMOUS;
  if (privateToken !== undefined) {
    const found = patCaller(rt, privateToken);
    if (!found) return c.json({ message: "401 Unauthorized" }, 401);
    caller = found;
  } else if (bearer !== undefined) {
    const pat = patCaller(rt, bearer);
    if (pat) caller = pat;
    else {
      const found = lookupAccessToken(rt, bearer);
      if (!found.ok) {
        if (found.reason === "expired")
          return oauthError(
            c,
            "Token is expired. You can either do re-authorization or token refresh.",
          );
        if (found.reason === "revoked")
          return oauthError(c, "Token was revoked. You have to re-authorize from the user.");
        return oauthError(c, "Bad Access Token.");
      }
      const user = rt.store.usersById.get(found.token.userId)!;
      caller = { user, kind: "oauth", scopes: found.token.scopes };
    }
  } else if (jobToken !== undefined) {
    const m = JOB.exec(jobToken);
    const project = m ? rt.store.projectsById.get(Number(m[1])) : undefined;
    if (!project || !JOB_ROUTES.test(new URL(c.req.url).pathname))
      return c.json({ message: "401 Unauthorized" }, 401);
    caller = {
      user: rt.store.usersByLogin.get("developer") ?? null,
      kind: "job",
      scopes: ["api"],
      jobProjectId: project.id,
    };
  }

  const denied = scopeDenied(c, caller);
  if (denied) return denied;
  c.set("caller", caller);
  await next();
};

/** read_user reaches only /user and /users; read_api only reads; writes need api (403 insufficient_scope). */
function scopeDenied(c: Ctx, caller: Caller) {
  if (caller.kind === "anonymous" || caller.kind === "job") return null;
  const has = (s: string) => caller.scopes.includes(s);
  const path = new URL(c.req.url).pathname;
  const read = c.req.method === "GET" || c.req.method === "HEAD";
  const userRoute = /^\/api\/v4\/users?(\/|$)/.test(path);
  let required: string | null = null;
  if (has("api")) required = null;
  else if (read && has("read_api")) required = null;
  else if (read && userRoute && has("read_user")) required = null;
  else required = read ? "api read_api" : "api";
  if (!required) return null;
  return c.json(
    {
      error: "insufficient_scope",
      error_description:
        "The request requires higher privileges than provided by the access token.",
      scope: required,
    },
    403,
  );
}
