// Members (facts §4.6): direct and inherited memberships of projects and groups.
import { Hono } from "hono";
import { userBasic } from "../entities/user";
import type { Ctx, SandboxEnv } from "../http/env";
import { fail } from "../http/errors";
import { paginate } from "../http/pagination";
import { visibleGroup, visibleProject } from "../http/resolve";
import {
  directMembership,
  groupLevel,
  groupMembership,
  isAdminCaller,
  projectLevel,
  projectMembership,
} from "../state/access";
import type { Membership } from "../state/types";

export const memberRoutes = new Hono<SandboxEnv>();

type Resolver = (c: Ctx, userId: number, inherited: boolean) => Membership | null;

const projectResolver: Resolver = (c, userId, inherited) => {
  const project = visibleProject(c);
  const store = c.get("rt").store;
  return inherited
    ? projectMembership(store, userId, project)
    : directMembership(store, userId, "project", project.id);
};

const groupResolver: Resolver = (c, userId, inherited) => {
  const group = visibleGroup(c);
  const store = c.get("rt").store;
  return inherited
    ? groupMembership(store, userId, group.id)
    : directMembership(store, userId, "group", group.id);
};

function memberEntity(c: Ctx, m: Membership) {
  const rt = c.get("rt");
  const user = rt.store.usersById.get(m.userId)!;
  return {
    ...userBasic(rt, user),
    access_level: m.accessLevel,
    created_at: new Date(m.createdAt).toISOString(),
    created_by: userBasic(rt, rt.store.usersById.get(1)!),
    expires_at: null,
    membership_state: "active",
  };
}

function list(c: Ctx, resolve: Resolver, inherited: boolean) {
  const members = c
    .get("rt")
    .store.users.map((u) => resolve(c, u.id, inherited))
    .filter((m): m is Membership => m !== null);
  return paginate(c, members, (m) => memberEntity(c, m));
}

function one(c: Ctx, resolve: Resolver, inherited: boolean) {
  const raw = c.req.param("user_id") ?? "";
  const m = /^\d+$/.test(raw) ? resolve(c, Number(raw), inherited) : null;
  if (!m) fail(404, { message: "404 Not found" });
  return c.json(memberEntity(c, m!));
}

for (const [prefix, resolve] of [
  ["/projects/:id", projectResolver],
  ["/groups/:id", groupResolver],
] as const) {
  // GET …/members/all — effective members incl. inherited
  memberRoutes.get(`${prefix}/members/all`, (c) => list(c, resolve, true));
  // GET …/members/all/:user_id — one effective member (highest level wins)
  memberRoutes.get(`${prefix}/members/all/:user_id`, (c) => one(c, resolve, true));
  // GET …/members — direct members
  memberRoutes.get(`${prefix}/members`, (c) => list(c, resolve, false));
  // GET …/members/:user_id — one direct member
  memberRoutes.get(`${prefix}/members/:user_id`, (c) => one(c, resolve, false));
}

// DELETE …/members/:user_id — remove a direct member (Maintainer+ of the source, as GitLab's
// admin_project_member / admin_group_member; Owner for groups). 404 when not a direct member.
memberRoutes.delete("/projects/:id/members/:user_id", (c) => {
  const project = visibleProject(c);
  const rt = c.get("rt");
  const caller = c.get("caller");
  if (!isAdminCaller(caller) && projectLevel(rt.store, caller, project) < 40)
    fail(403, { message: "403 Forbidden" });
  return removeDirect(c, "project", project.id);
});

memberRoutes.delete("/groups/:id/members/:user_id", (c) => {
  const group = visibleGroup(c);
  const rt = c.get("rt");
  const caller = c.get("caller");
  if (!isAdminCaller(caller) && groupLevel(rt.store, caller, group) < 50)
    fail(403, { message: "403 Forbidden" });
  return removeDirect(c, "group", group.id);
});

function removeDirect(c: Ctx, kind: "project" | "group", sourceId: number) {
  const rt = c.get("rt");
  const raw = c.req.param("user_id") ?? "";
  const m = /^\d+$/.test(raw) ? directMembership(rt.store, Number(raw), kind, sourceId) : null;
  if (!m) fail(404, { message: "404 Member Not Found" });
  rt.store.memberships = rt.store.memberships.filter((x) => x !== m);
  rt.changed();
  return c.body(null, 204);
}
