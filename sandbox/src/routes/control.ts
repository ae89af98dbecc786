// Control API (not GitLab's), under /-/sandbox/: reset, state, faults, package creation, downloads.
import { Hono, type Context } from "hono";
import { fileCountFor } from "../fixture/files";
import type { SandboxEnv } from "../http/env";
import { readBody } from "../http/body";
import { validateFault } from "../state/faults";
import {
  DEFAULT_PACKAGE_SETTINGS,
  packageSettingsFor,
  type PackageSettings,
} from "../state/package-settings";
import {
  PACKAGE_STATUSES,
  PACKAGE_TYPES,
  type PackageRecord,
  type PackageStatus,
  type PackageType,
} from "../state/types";

export const controlRoutes = new Hono<SandboxEnv>();

// POST /-/sandbox/reset — back to the fixture (drops persisted state, tokens, sessions, faults)
controlRoutes.post("/reset", (c) => {
  c.get("rt").reset();
  return c.json({ ok: true });
});

// GET /-/sandbox/state — counts for dashboards and tests
controlRoutes.get("/state", (c) => {
  const rt = c.get("rt");
  const s = rt.store;
  const byStatus: Record<string, number> = Object.fromEntries(PACKAGE_STATUSES.map((k) => [k, 0]));
  for (const p of s.packages.values()) byStatus[p.status]++;
  const now = Date.now();
  const live = [...s.oauthByAccess.values()].filter((t) => !t.revoked && t.expiresAt > now).length;
  return c.json({
    users: s.users.length,
    groups: s.groups.length,
    projects: s.projects.length,
    packages: { total: s.packages.size, by_status: byStatus },
    deleted_files: s.deletedFiles.size,
    deploy_tokens: s.deployTokens.length,
    oauth_tokens: { issued: s.oauthByAccess.size, active: live },
    sessions: s.sessions.size,
    faults: rt.faults.active(),
    requests: s.requestCount,
    persisted: Boolean(rt.opts.dataDir),
  });
});

// POST /-/sandbox/faults — add a fault (latency, error status, rate, path prefix, count)
controlRoutes.post("/faults", async (c) => {
  const spec = validateFault(await readBody(c));
  if (typeof spec === "string") return c.json({ error: spec }, 400);
  const fault = c.get("rt").faults.add(spec);
  return c.json(fault, 201);
});

// GET /-/sandbox/faults — faults still active
controlRoutes.get("/faults", (c) => c.json(c.get("rt").faults.active()));

// DELETE /-/sandbox/faults — remove every fault
controlRoutes.delete("/faults", (c) => {
  c.get("rt").faults.clear();
  return c.body(null, 204);
});

// POST /-/sandbox/packages — publish N new versions into a project {project_id, count, package_type, name?, status?, version? (count 1)}
controlRoutes.post("/packages", async (c) => {
  const rt = c.get("rt");
  const body = await readBody(c);
  const project = rt.store.projectsById.get(Number(body.project_id));
  if (!project) return c.json({ error: "project_id does not name a project" }, 400);
  const count = body.count === undefined ? 1 : Number(body.count);
  if (!Number.isInteger(count) || count < 1 || count > 100_000)
    return c.json({ error: "count must be 1..100000" }, 400);
  const type = (body.package_type ?? "generic") as PackageType;
  if (!PACKAGE_TYPES.includes(type))
    return c.json({ error: "package_type does not have a valid value" }, 400);
  const status = (body.status ?? "default") as PackageStatus;
  if (!PACKAGE_STATUSES.includes(status))
    return c.json({ error: "status does not have a valid value" }, 400);
  const name =
    typeof body.name === "string" && body.name ? body.name : defaultName(type, project.path);
  const given = typeof body.version === "string" && body.version ? body.version : null;
  if (given !== null && count !== 1)
    return c.json({ error: "version can only be given with count 1" }, 400);
  const ids: number[] = [];
  const base = Date.now();
  for (let i = 0; i < count; i++) {
    const id = rt.store.nextPackageId;
    const version = given ?? `${Math.floor(id / 1000)}.${id % 1000}.${i}`;
    const p: PackageRecord = {
      id,
      projectId: project.id,
      name,
      version,
      type,
      status,
      createdAt: Math.max(base + i, lastCreatedAt(rt.store.order, rt.store.packages) + 1),
      lastDownloadedAt: null,
      publisherId: 4,
      fileCount: fileCountFor(type, version),
    };
    rt.store.indexPackage(p);
    rt.store.createdIds.push(id);
    ids.push(id);
  }
  rt.changed();
  return c.json({ ids, project_id: project.id, name, package_type: type }, 201);
});

// POST /-/sandbox/packages/:id/download — record a pull (bumps last_downloaded_at to now)
controlRoutes.post("/packages/:id/download", (c) => {
  const rt = c.get("rt");
  const p = rt.store.packages.get(Number(c.req.param("id")));
  if (!p) return c.json({ message: "404 Not found" }, 404);
  p.lastDownloadedAt = Date.now();
  rt.store.touched.add(p.id);
  rt.changed();
  return c.json({ id: p.id, last_downloaded_at: new Date(p.lastDownloadedAt).toISOString() });
});

// POST /-/sandbox/package-settings/:groupId — merge a JSON partial of the group's package settings
// (what GitLab's updateNamespacePackageSettings changes; settings live on the top-level group)
controlRoutes.post("/package-settings/:groupId", async (c) => {
  const rt = c.get("rt");
  const group = rt.store.groupsById.get(Number(c.req.param("groupId")));
  if (!group) return c.json({ error: "groupId does not name a group" }, 404);
  const body = await readBody(c);
  const patch: Partial<PackageSettings> = {};
  for (const [key, value] of Object.entries(body)) {
    const def = DEFAULT_PACKAGE_SETTINGS[key as keyof PackageSettings];
    if (def === undefined) return c.json({ error: `${key} is not a package setting` }, 400);
    if (typeof value !== typeof def)
      return c.json({ error: `${key} must be a ${typeof def}` }, 400);
    if (typeof value === "string" && value) {
      try {
        new RegExp(value);
      } catch {
        return c.json({ error: `${key} is not a valid regular expression` }, 400);
      }
    }
    Object.assign(patch, { [key]: value });
  }
  const root = rt.store.ancestors(group.id).at(-1)!;
  rt.store.packageSettings.set(root.id, {
    ...(rt.store.packageSettings.get(root.id) ?? {}),
    ...patch,
  });
  rt.changed();
  return c.json({ group_id: root.id, ...packageSettingsFor(rt.store, root.id) });
});

function lastCreatedAt(order: number[], packages: Map<number, PackageRecord>): number {
  return order.length ? packages.get(order[order.length - 1])!.createdAt : 0;
}

function defaultName(type: PackageType, projectPath: string): string {
  switch (type) {
    case "npm":
      return `@platon/${projectPath}-generated`;
    case "maven":
      return `com/platon/${projectPath}-generated`;
    case "nuget":
      return `Platon.${projectPath.replace(/-/g, "")}.Generated`;
    default:
      return `${projectPath}-generated`;
  }
}

/** The OAuth tokens issued to the user `?username=` names, oldest first; null for no such user. */
function oauthTokensOf(c: Context<SandboxEnv>) {
  const s = c.get("rt").store;
  const user = s.users.find((u) => u.username === c.req.query("username"));
  return user ? [...s.oauthByAccess.values()].filter((t) => t.userId === user.id) : null;
}

// POST /-/sandbox/oauth-tokens/expire?username=… — the user's live access tokens expire now,
// their refresh tokens stay good: GitLab's view when its clock runs ahead of a client's (the
// client still thinks the token fresh). → {expired: n}
controlRoutes.post("/oauth-tokens/expire", (c) => {
  const tokens = oauthTokensOf(c);
  if (!tokens) return c.json({ message: "404 User Not Found" }, 404);
  const now = Date.now();
  let expired = 0;
  for (const t of tokens) {
    if (t.revoked || t.expiresAt <= now) continue;
    t.expiresAt = now;
    expired++;
  }
  return c.json({ expired });
});

// GET /-/sandbox/oauth-tokens?username=… — the OAuth tokens issued to one user, oldest first:
// whether each is revoked or expired (never the token itself), so tests can check that a
// sign-out revoked the pair at GitLab.
controlRoutes.get("/oauth-tokens", (c) => {
  const tokens = oauthTokensOf(c);
  if (!tokens) return c.json({ message: "404 User Not Found" }, 404);
  const now = Date.now();
  return c.json(
    tokens.map((t, seq) => ({
      seq,
      created_at: new Date(t.createdAt).toISOString(),
      revoked: t.revoked,
      expired: t.expiresAt <= now,
    })),
  );
});
