// CI/CD job token scope (GitLab's lib/api/ci/job_token_scope.rb): every route needs
// admin_project (Maintainer+); the allowlists list the project itself first, as
// Ci::JobToken::Allowlist does; PATCH answers 204 with no body.
import { Hono } from "hono";
import { groupEntity } from "../entities/group";
import { projectSimple } from "../entities/project";
import type { Ctx, SandboxEnv } from "../http/env";
import { fail } from "../http/errors";
import { readBody } from "../http/body";
import { paginate } from "../http/pagination";
import { visibleProject } from "../http/resolve";
import { canEditProject, canSeeGroup, canSeeProject } from "../state/access";
import { jobTokenScopeOf } from "../state/job-token-scope";
import type { Project } from "../state/types";

export const jobTokenScopeRoutes = new Hono<SandboxEnv>();

const NO_PERMISSION = (kind: string) =>
  `The ${kind} that you are attempting to access does not exist or you don't have permission to perform this action`;

/** The project, if the caller administers it: invisible → 404, visible but not Maintainer → 403. */
function adminProject(c: Ctx): Project {
  const project = visibleProject(c);
  if (!canEditProject(c.get("rt").store, c.get("caller"), project)) {
    fail(403, { message: "403 Forbidden" });
  }
  return project;
}

function intField(body: Record<string, unknown>, name: string): number {
  const raw = body[name];
  if (raw === undefined || raw === null || raw === "") fail(400, { error: `${name} is missing` });
  const n = typeof raw === "number" ? raw : Number(raw);
  if (!Number.isInteger(n)) fail(400, { error: `${name} is invalid` });
  return n;
}

const basicGroup = (c: Ctx, id: number) => {
  const g = groupEntity(c.get("rt"), c.get("rt").store.groupsById.get(id)!);
  return { id: g.id, web_url: g.web_url, name: g.name };
};

// GET /projects/:id/job_token_scope — {inbound_enabled, outbound_enabled}
jobTokenScopeRoutes.get("/projects/:id/job_token_scope", (c) => {
  const project = adminProject(c);
  const scope = jobTokenScopeOf(c.get("rt").store, project.id);
  return c.json({ inbound_enabled: scope.inboundEnabled, outbound_enabled: false });
});

// PATCH /projects/:id/job_token_scope — {enabled} limits inbound access; 204
jobTokenScopeRoutes.patch("/projects/:id/job_token_scope", async (c) => {
  const project = adminProject(c);
  const body = await readBody(c);
  const raw = body.enabled;
  if (raw === undefined || raw === null || raw === "") fail(400, { error: "enabled is missing" });
  if (![true, false, "true", "false"].includes(raw as never)) {
    fail(400, { error: "enabled is invalid" });
  }
  jobTokenScopeOf(c.get("rt").store, project.id).inboundEnabled = raw === true || raw === "true";
  c.get("rt").changed();
  return c.body(null, 204);
});

// GET /projects/:id/job_token_scope/allowlist — the project itself, then allowlisted projects
jobTokenScopeRoutes.get("/projects/:id/job_token_scope/allowlist", (c) => {
  const project = adminProject(c);
  const store = c.get("rt").store;
  const ids = [project.id, ...jobTokenScopeOf(store, project.id).projects];
  const projects = ids.map((id) => store.projectsById.get(id)).filter((p) => p !== undefined);
  return paginate(c, projects, (p) => projectSimple(c.get("rt"), p));
});

// GET /projects/:id/job_token_scope/groups_allowlist
jobTokenScopeRoutes.get("/projects/:id/job_token_scope/groups_allowlist", (c) => {
  const project = adminProject(c);
  const store = c.get("rt").store;
  const ids = jobTokenScopeOf(store, project.id).groups.filter((id) => store.groupsById.has(id));
  return paginate(c, ids, (id) => basicGroup(c, id));
});

// POST /projects/:id/job_token_scope/allowlist — {target_project_id} → 201 ProjectScopeLink
jobTokenScopeRoutes.post("/projects/:id/job_token_scope/allowlist", async (c) => {
  const project = adminProject(c);
  const targetId = intField(await readBody(c), "target_project_id");
  const store = c.get("rt").store;
  const target = store.projectsById.get(targetId);
  if (!target) fail(404, { message: "404 target_project_id not found" });
  if (!canSeeProject(store, c.get("caller"), target!)) {
    fail(400, { message: `400 Bad request - ${NO_PERMISSION("target_project")}` });
  }
  const scope = jobTokenScopeOf(store, project.id);
  if (targetId === project.id || scope.projects.includes(targetId)) {
    fail(400, { message: "400 Bad request - Target project is already in the job token scope" });
  }
  scope.projects.push(targetId);
  c.get("rt").changed();
  return c.json({ source_project_id: project.id, target_project_id: targetId }, 201);
});

// POST /projects/:id/job_token_scope/groups_allowlist — {target_group_id} → 201 GroupScopeLink
jobTokenScopeRoutes.post("/projects/:id/job_token_scope/groups_allowlist", async (c) => {
  const project = adminProject(c);
  const targetId = intField(await readBody(c), "target_group_id");
  const store = c.get("rt").store;
  const target = store.groupsById.get(targetId);
  if (!target) fail(404, { message: "404 target_group_id not found" });
  if (!canSeeGroup(store, c.get("caller"), target!)) {
    fail(400, { message: `400 Bad request - ${NO_PERMISSION("target_group")}` });
  }
  const scope = jobTokenScopeOf(store, project.id);
  if (scope.groups.includes(targetId)) {
    fail(400, { message: "400 Bad request - Target group is already in the job token scope" });
  }
  scope.groups.push(targetId);
  c.get("rt").changed();
  return c.json({ source_project_id: project.id, target_group_id: targetId }, 201);
});

// DELETE …/allowlist/:target_project_id and …/groups_allowlist/:target_group_id — 204.
// GitLab checks the role in the service here: a visible project, not Maintainer → 403.
for (const kind of ["project", "group"] as const) {
  const path =
    kind === "project"
      ? "/projects/:id/job_token_scope/allowlist/:target"
      : "/projects/:id/job_token_scope/groups_allowlist/:target";
  jobTokenScopeRoutes.delete(path, (c) => {
    const project = visibleProject(c);
    const store = c.get("rt").store;
    const targetId = Number(c.req.param("target"));
    const exists =
      kind === "project" ? store.projectsById.has(targetId) : store.groupsById.has(targetId);
    if (!Number.isInteger(targetId) || !exists) {
      fail(404, {
        message: kind === "project" ? "404 Project Not Found" : "404 target_group_id not found",
      });
    }
    if (!canEditProject(store, c.get("caller"), project)) {
      fail(403, {
        message: "403 Forbidden - Insufficient permissions to modify the job token scope",
      });
    }
    const scope = jobTokenScopeOf(store, project.id);
    const list = kind === "project" ? scope.projects : scope.groups;
    const at = list.indexOf(targetId);
    if (at < 0) {
      fail(400, { message: `400 Bad request - Target ${kind} is not in the job token scope` });
    }
    list.splice(at, 1);
    c.get("rt").changed();
    return c.body(null, 204);
  });
}
