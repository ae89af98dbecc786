// Deploy tokens (facts §5.1) for projects (Maintainer+) and groups (read Maintainer+, write Owner).
import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import type { Ctx, SandboxEnv } from "../http/env";
import { fail } from "../http/errors";
import { readBody } from "../http/body";
import { paginate } from "../http/pagination";
import { boolParam } from "../http/params";
import { visibleGroup, visibleProject } from "../http/resolve";
import { groupLevel, isAdminCaller, MAINTAINER, OWNER, projectLevel } from "../state/access";
import type { DeployToken } from "../state/types";

export const deployTokenRoutes = new Hono<SandboxEnv>();

const SCOPES = [
  "read_repository",
  "read_registry",
  "write_registry",
  "read_package_registry",
  "write_package_registry",
  "read_virtual_registry",
  "write_virtual_registry",
];

interface Owner {
  kind: "project" | "group";
  id: number;
  level: number;
}

function owner(c: Ctx, kind: "project" | "group"): Owner {
  const rt = c.get("rt");
  const caller = c.get("caller");
  const admin = isAdminCaller(caller);
  if (kind === "project") {
    const p = visibleProject(c);
    return { kind, id: p.id, level: admin ? 60 : projectLevel(rt.store, caller, p) };
  }
  const g = visibleGroup(c);
  return { kind, id: g.id, level: admin ? 60 : groupLevel(rt.store, caller, g) };
}

const isExpired = (t: DeployToken) => t.expiresAt !== null && Date.parse(t.expiresAt) <= Date.now();

function entity(t: DeployToken, withToken = false) {
  return {
    id: t.id,
    name: t.name,
    username: t.username,
    expires_at: t.expiresAt,
    revoked: t.revoked,
    expired: isExpired(t),
    scopes: t.scopes,
    ...(withToken ? { token: t.token } : {}),
  };
}

function tokensOf(c: Ctx, o: Owner) {
  return c.get("rt").store.deployTokens.filter((t) => t.ownerKind === o.kind && t.ownerId === o.id);
}

for (const kind of ["project", "group"] as const) {
  const prefix = kind === "project" ? "/projects/:id/deploy_tokens" : "/groups/:id/deploy_tokens";
  const writeLevel = kind === "project" ? MAINTAINER : OWNER;

  // GET …/deploy_tokens — list (?active=true hides revoked/expired)
  deployTokenRoutes.get(prefix, (c) => {
    const o = owner(c, kind);
    if (o.level < MAINTAINER) fail(403, { message: "403 Forbidden" });
    const active = boolParam(c, "active");
    const tokens = tokensOf(c, o).filter((t) => !active || (!t.revoked && !isExpired(t)));
    return paginate(c, tokens, (t) => entity(t));
  });

  // GET …/deploy_tokens/:token_id
  deployTokenRoutes.get(`${prefix}/:token_id`, (c) => {
    const o = owner(c, kind);
    if (o.level < MAINTAINER) fail(403, { message: "403 Forbidden" });
    const t = tokensOf(c, o).find((x) => String(x.id) === c.req.param("token_id"));
    if (!t) fail(404, { message: "404 Deploy Token Not Found" });
    return c.json(entity(t!));
  });

  // POST …/deploy_tokens — create; the token is shown once
  deployTokenRoutes.post(prefix, async (c) => {
    const o = owner(c, kind);
    if (o.level < writeLevel) fail(403, { message: "403 Forbidden" });
    const body = await readBody(c);
    if (typeof body.name !== "string" || !body.name) fail(400, { error: "name is missing" });
    const scopes = typeof body.scopes === "string" ? [body.scopes] : body.scopes;
    if (!Array.isArray(scopes) || scopes.length === 0) fail(400, { error: "scopes is missing" });
    if (!(scopes as unknown[]).every((s) => typeof s === "string" && SCOPES.includes(s))) {
      fail(400, { error: "scopes does not have a valid value" });
    }
    let expiresAt: string | null = null;
    if (body.expires_at !== undefined && body.expires_at !== null && body.expires_at !== "") {
      const ms = Date.parse(String(body.expires_at));
      if (Number.isNaN(ms)) fail(400, { error: "expires_at is invalid" });
      expiresAt = new Date(ms).toISOString();
    }
    const store = c.get("rt").store;
    const id = store.nextDeployTokenId++;
    const t: DeployToken = {
      id,
      ownerKind: kind,
      ownerId: o.id,
      name: body.name as string,
      username:
        typeof body.username === "string" && body.username
          ? body.username
          : `gitlab+deploy-token-${id}`,
      scopes: scopes as string[],
      expiresAt,
      revoked: false,
      token: `gldt-${randomBytes(15).toString("base64url")}`,
    };
    store.deployTokens.push(t);
    c.get("rt").changed();
    return c.json(entity(t, true), 201);
  });

  // DELETE …/deploy_tokens/:token_id — revoke
  deployTokenRoutes.delete(`${prefix}/:token_id`, (c) => {
    const o = owner(c, kind);
    if (o.level < writeLevel) fail(403, { message: "403 Forbidden" });
    const t = tokensOf(c, o).find((x) => String(x.id) === c.req.param("token_id"));
    if (!t) fail(404, { message: "404 Deploy Token Not Found" });
    t!.revoked = true;
    c.get("rt").changed();
    return c.body(null, 204);
  });
}
