import { z } from "zod";
import type { GitlabApi } from "./client";
import { gitlabStatus, toAppError } from "./errors";
import { gitlabRest, gitlabRestAll } from "./rest";
import { atLeast, type GitlabRelease } from "./version";

// Registry settings in GitLab, always with the acting user's own client so GitLab applies its
// own permission check: project registry access (PUT /projects/:id), deploy tokens (§5.1), the
// CI/CD job token scope (lib/api/ci/job_token_scope.rb). Answers parsed with zod.

export const REGISTRY_LEVELS = ["disabled", "private", "enabled", "public"] as const;
export type RegistryLevel = (typeof REGISTRY_LEVELS)[number];

const projectSchema = z.looseObject({
  id: z.number(),
  path_with_namespace: z.string(),
  visibility: z.enum(["private", "internal", "public"]).optional(),
  package_registry_access_level: z.enum(REGISTRY_LEVELS).optional(),
  packages_enabled: z.boolean().nullish(),
  web_url: z.string().optional(),
});
export type GitlabProjectSettings = z.infer<typeof projectSchema>;

export async function getProjectSettings(api: GitlabApi, projectId: number) {
  return projectSchema.parse(
    await gitlabRest(api, "get", `projects/${projectId}`, { what: "The project" }),
  );
}

/** The registry level GitLab reports, when it reports one (17.10+); null before. */
export function reportedRegistryLevel(p: GitlabProjectSettings): RegistryLevel | null {
  if (p.package_registry_access_level) return p.package_registry_access_level;
  return p.packages_enabled === false ? "disabled" : null;
}

/** `package_registry_access_level` is readable and writable through the API from 17.10. */
export const registryLevelWritable = (r: GitlabRelease | null) => atLeast(r, 17, 10);

/**
 * What `packages_enabled: true` gives a project whose registry was off — GitLab's
 * Project#enabled_package_registry_access_level_by_project_visibility.
 */
export function levelForVisibility(visibility: string | undefined): RegistryLevel {
  return visibility === "public" ? "public" : visibility === "internal" ? "enabled" : "private";
}

export async function setProjectRegistryLevel(
  api: GitlabApi,
  projectId: number,
  level: RegistryLevel,
) {
  return projectSchema.parse(
    await gitlabRest(api, "put", `projects/${projectId}`, {
      body: { package_registry_access_level: level },
      what: "The project",
    }),
  );
}

/**
 * Before 17.10 the only write: the deprecated boolean. Off → disabled; on (from off) → the
 * level the project's visibility gives. On while on changes nothing in GitLab.
 */
export async function setProjectPackagesEnabled(api: GitlabApi, projectId: number, on: boolean) {
  return projectSchema.parse(
    await gitlabRest(api, "put", `projects/${projectId}`, {
      body: { packages_enabled: on },
      what: "The project",
    }),
  );
}

/** Effective (inherited included) level on a group, live; null when not a member. */
export async function getLiveGroupLevel(api: GitlabApi, groupId: number, userId: number) {
  try {
    const m = (await api.GroupMembers.show(groupId, userId, {
      includeInherited: true,
    })) as unknown as {
      access_level?: unknown;
    };
    return typeof m.access_level === "number" ? m.access_level : null;
  } catch (e) {
    if (gitlabStatus(e) === 404) return null;
    throw toAppError(e, "The group membership");
  }
}

const groupSchema = z.looseObject({
  id: z.number(),
  full_path: z.string(),
  web_url: z.string().optional(),
});
export async function getGroup(api: GitlabApi, groupId: number) {
  return groupSchema.parse(
    await gitlabRest(api, "get", `groups/${groupId}`, { what: "The group" }),
  );
}

// --- deploy tokens ---------------------------------------------------------------------------

export type TokenOwner = { kind: "project" | "group"; id: number };
const ownerPath = (o: TokenOwner) =>
  `${o.kind === "project" ? "projects" : "groups"}/${o.id}/deploy_tokens`;

export const deployTokenSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  username: z.string(),
  expires_at: z.string().nullable(),
  revoked: z.boolean().optional(),
  expired: z.boolean().optional(),
  scopes: z.array(z.string()),
});
export type GitlabDeployToken = z.infer<typeof deployTokenSchema>;

export async function listDeployTokens(api: GitlabApi, owner: TokenOwner) {
  const rows = await gitlabRestAll<unknown>(api, ownerPath(owner), "Deploy tokens", {
    active: "true",
  });
  return z.array(deployTokenSchema).parse(rows);
}

/** Creates a token; the answer carries its value once — hand it to the caller, keep it nowhere. */
export async function createDeployToken(
  api: GitlabApi,
  owner: TokenOwner,
  input: { name: string; scopes: string[]; expires_at: string | null },
) {
  const body: Record<string, unknown> = { name: input.name, scopes: input.scopes };
  if (input.expires_at) body.expires_at = input.expires_at;
  const created = await gitlabRest(api, "post", ownerPath(owner), { body, what: "Deploy tokens" });
  return deployTokenSchema.extend({ token: z.string() }).parse(created);
}

export async function revokeDeployToken(api: GitlabApi, owner: TokenOwner, tokenId: number) {
  await gitlabRest(api, "delete", `${ownerPath(owner)}/${tokenId}`, { what: "The deploy token" });
}

// --- CI/CD job token scope -------------------------------------------------------------------

const scopeSchema = z.looseObject({ inbound_enabled: z.boolean() });
const allowedProject = z.looseObject({
  id: z.number(),
  path_with_namespace: z.string(),
  web_url: z.string().optional(),
});
const allowedGroup = z.looseObject({
  id: z.number(),
  name: z.string(),
  web_url: z.string().optional(),
});

export async function getJobTokenScope(api: GitlabApi, projectId: number) {
  const base = `projects/${projectId}/job_token_scope`;
  const scope = scopeSchema.parse(await gitlabRest(api, "get", base, { what: "The project" }));
  const [projects, groups] = await Promise.all([
    gitlabRestAll<unknown>(api, `${base}/allowlist`, "The project"),
    gitlabRestAll<unknown>(api, `${base}/groups_allowlist`, "The project"),
  ]);
  return {
    inbound_enabled: scope.inbound_enabled,
    projects: z.array(allowedProject).parse(projects),
    groups: z.array(allowedGroup).parse(groups),
  };
}

export async function addJobTokenTarget(
  api: GitlabApi,
  projectId: number,
  target: { kind: "project" | "group"; id: number },
) {
  const base = `projects/${projectId}/job_token_scope`;
  await gitlabRest(
    api,
    "post",
    target.kind === "project" ? `${base}/allowlist` : `${base}/groups_allowlist`,
    {
      body:
        target.kind === "project"
          ? { target_project_id: target.id }
          : { target_group_id: target.id },
      what: target.kind === "project" ? "The target project" : "The target group",
    },
  );
}

export async function removeJobTokenTarget(
  api: GitlabApi,
  projectId: number,
  target: { kind: "project" | "group"; id: number },
) {
  const base = `projects/${projectId}/job_token_scope`;
  await gitlabRest(
    api,
    "delete",
    target.kind === "project"
      ? `${base}/allowlist/${target.id}`
      : `${base}/groups_allowlist/${target.id}`,
    { what: target.kind === "project" ? "The allowlisted project" : "The allowlisted group" },
  );
}
