// Credentials on the package-manager routes (facts §8 table; GitLab's route_setting
// :authentication per API class and API::Helpers::Packages::BasicAuthHelpers): access tokens by
// PRIVATE-TOKEN or Bearer, deploy tokens by DEPLOY-TOKEN or Basic (username must match), CI job
// tokens by JOB-TOKEN or Basic `gitlab-ci-token`, NuGet's X-NuGet-ApiKey. OAuth tokens are not
// package-manager credentials (→ 401). Every 401 here carries GitLab's Basic realm header.
import type { Next } from "hono";
import { ANONYMOUS, type Caller } from "../state/access";
import type { Runtime } from "../state/runtime";
import type { DeployToken } from "../state/types";
import type { Ctx } from "./env";
import { fail } from "./errors";

export type PmFormat = "npm" | "pypi" | "maven" | "nuget" | "generic";

const PM_PATH =
  /^\/api\/v4\/(?:projects\/[^/]+\/packages|groups\/[^/]+\/-\/packages)\/(npm|pypi|maven|nuget|generic)(?:\/|$)/;

export function pmFormatOf(pathname: string): PmFormat | null {
  return (PM_PATH.exec(pathname)?.[1] as PmFormat | undefined) ?? null;
}

export const REALM = { "WWW-Authenticate": 'Basic realm="GitLab Packages Registry"' };

export function pmUnauthorized(): never {
  fail(401, { message: "401 Unauthorized" }, REALM);
}

const PAT = /^glpat-sandbox-([a-z]+)(-read)?$/;
const JOB = /^glcbt-sandbox-(\d+)$/;
export const JOB_USERNAME = "gitlab-ci-token";

function patCaller(rt: Runtime, token: string): Caller | null {
  const m = PAT.exec(token);
  const user = m ? rt.store.usersByLogin.get(m[1]) : undefined;
  if (!m || !user) return null;
  return { user, kind: "pat", scopes: m[2] ? ["read_api"] : ["api"] };
}

function jobCaller(rt: Runtime, token: string): Caller | null {
  const m = JOB.exec(token);
  const project = m ? rt.store.projectsById.get(Number(m[1])) : undefined;
  if (!project) return null;
  return {
    user: rt.store.usersByLogin.get("developer") ?? null,
    kind: "job",
    scopes: ["api"],
    jobProjectId: project.id,
  };
}

export function liveDeployToken(t: DeployToken): boolean {
  return !t.revoked && (t.expiresAt === null || Date.parse(t.expiresAt) > Date.now());
}

function deployCaller(rt: Runtime, token: string, username?: string): Caller | null {
  const t = rt.store.deployTokens.find((d) => d.token === token);
  if (!t || !liveDeployToken(t)) return null;
  if (username !== undefined && username !== t.username) return null;
  return { user: null, kind: "deploy", scopes: [], deployToken: t };
}

interface Accepts {
  basic: boolean;
  jobHeader: boolean;
  /** Bearer may carry deploy and job tokens too (npm's _authToken), not only access tokens */
  bearerAny: boolean;
  nugetApiKey: boolean;
}

const ACCEPTS: Record<PmFormat, Accepts> = {
  npm: { basic: false, jobHeader: true, bearerAny: true, nugetApiKey: false },
  // pypi_packages.rb: job_token_allowed: :basic_auth — job tokens only through Basic
  pypi: { basic: true, jobHeader: false, bearerAny: false, nugetApiKey: false },
  maven: { basic: true, jobHeader: true, bearerAny: false, nugetApiKey: false },
  nuget: { basic: true, jobHeader: true, bearerAny: false, nugetApiKey: true },
  generic: { basic: true, jobHeader: true, bearerAny: false, nugetApiKey: false },
};

function anyToken(rt: Runtime, token: string): Caller | null {
  return patCaller(rt, token) ?? jobCaller(rt, token) ?? deployCaller(rt, token);
}

function basicCaller(rt: Runtime, header: string, strictUsername = false): Caller | null {
  let decoded: string;
  try {
    decoded = Buffer.from(header, "base64").toString("utf8");
  } catch {
    return null;
  }
  const i = decoded.indexOf(":");
  if (i < 0) return null;
  const username = decoded.slice(0, i);
  const password = decoded.slice(i + 1);
  if (JOB.test(password)) return username === JOB_USERNAME ? jobCaller(rt, password) : null;
  // access tokens: the username is ignored (basic_auth_personal_access_token), except where
  // GitLab resolves :personal_access_token_with_username (NuGet) — then it must be the owner's
  const pat = patCaller(rt, password);
  if (pat) return !strictUsername || pat.user?.username === username ? pat : null;
  return deployCaller(rt, password, username);
}

/** Resolve the caller of a package-manager request; unknown or refused credentials → 401. */
export function pmCaller(c: Ctx, format: PmFormat): Caller {
  const rt = c.get("rt");
  const accepts = ACCEPTS[format];
  const h = (name: string) => c.req.header(name);
  if (format === "nuget") return nugetCaller(c);
  const privateToken = h("private-token") ?? c.req.query("private_token");
  if (privateToken !== undefined) return patCaller(rt, privateToken) ?? pmUnauthorized();
  const deployToken = h("deploy-token");
  if (deployToken !== undefined) return deployCaller(rt, deployToken) ?? pmUnauthorized();
  const jobToken = h("job-token") ?? c.req.query("job_token");
  if (jobToken !== undefined && accepts.jobHeader)
    return jobCaller(rt, jobToken) ?? pmUnauthorized();
  const apiKey = h("x-nuget-apikey");
  if (apiKey !== undefined && accepts.nugetApiKey) return anyToken(rt, apiKey) ?? pmUnauthorized();
  const authz = h("authorization") ?? "";
  const bearer = /^Bearer\s+(.+)$/i.exec(authz)?.[1];
  if (bearer !== undefined) {
    const found = accepts.bearerAny ? anyToken(rt, bearer) : patCaller(rt, bearer);
    // OAuth access tokens are not package-manager credentials
    return found ?? pmUnauthorized();
  }
  const basic = /^Basic\s+(.+)$/i.exec(authz)?.[1];
  if (basic !== undefined && accepts.basic) return basicCaller(rt, basic) ?? pmUnauthorized();
  return ANONYMOUS;
}

/**
 * NuGet (nuget_project_packages.rb authenticate_with): only HTTP Basic with the token owner's
 * username, plus X-NuGet-ApiKey on publish/delete. Other headers are not looked at.
 */
function nugetCaller(c: Ctx): Caller {
  const rt = c.get("rt");
  const write = c.req.method === "PUT" || c.req.method === "DELETE";
  const apiKey = c.req.header("x-nuget-apikey");
  if (apiKey !== undefined && write) return anyToken(rt, apiKey) ?? pmUnauthorized();
  const basic = /^Basic\s+(.+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
  if (basic !== undefined) return basicCaller(rt, basic, true) ?? pmUnauthorized();
  return ANONYMOUS;
}

/** Middleware body for package-manager paths (called by http/auth.ts). */
export async function pmAuthenticate(c: Ctx, next: Next, format: PmFormat) {
  const caller = pmCaller(c, format);
  const write = !["GET", "HEAD"].includes(c.req.method);
  if (caller.kind === "pat" && write && !caller.scopes.includes("api")) {
    return c.json(
      {
        error: "insufficient_scope",
        error_description:
          "The request requires higher privileges than provided by the access token.",
        scope: "api",
      },
      403,
    );
  }
  c.set("caller", caller);
  await next();
}
