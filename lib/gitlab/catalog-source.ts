import { z } from "zod";
import type { PageResult, ServiceRest } from "./service-rest";
import { discardBody } from "./requester";

// The GitLab reads catalog sync makes, parsed with zod where we store or branch on a field
// (unknown fields are tolerated). Everything goes through the service credential.

export const gitlabGroup = z.object({
  id: z.number(),
  parent_id: z.number().nullable().optional(),
  full_path: z.string(),
  name: z.string(),
  visibility: z.string().default("private"),
  web_url: z.string().default(""),
});
export type GitlabGroup = z.infer<typeof gitlabGroup>;

export const gitlabProject = z.object({
  id: z.number(),
  name: z.string(),
  path_with_namespace: z.string(),
  visibility: z.string().default("private"),
  web_url: z.string().default(""),
  namespace: z.object({ id: z.number(), kind: z.string().optional() }),
  // Exposed since 17.10; older instances only give packages_enabled.
  package_registry_access_level: z.string().optional(),
  packages_enabled: z.boolean().nullable().optional(),
  // GitLab's group package listing leaves out projects whose repository is not available to
  // the caller (disabled, or private to a non-member): those are read through the project.
  repository_access_level: z.string().optional(),
});
export type GitlabProject = z.infer<typeof gitlabProject>;

const pipeline = z
  .object({
    id: z.number(),
    ref: z.string().nullable().optional(),
    sha: z.string().nullable().optional(),
    web_url: z.string().nullable().optional(),
    user: z.object({ username: z.string(), name: z.string() }).nullable().optional(),
  })
  .nullable()
  .optional();

export const gitlabPackage = z.object({
  id: z.number(),
  name: z.string(),
  version: z.string().nullable().optional(),
  package_type: z.string(),
  status: z.string().default("default"),
  created_at: z.string(),
  last_downloaded_at: z.string().nullable().optional(),
  project_id: z.number(),
  _links: z.object({ web_path: z.string().optional() }).partial().optional(),
  pipeline,
});
export type GitlabPackage = z.infer<typeof gitlabPackage>;

export const gitlabPackageFile = z.object({
  id: z.number(),
  package_id: z.number().optional(),
  file_name: z.string(),
  size: z.number(),
  file_md5: z.string().nullable().optional(),
  file_sha1: z.string().nullable().optional(),
  file_sha256: z.string().nullable().optional(),
  created_at: z.string(),
});
export type GitlabPackageFile = z.infer<typeof gitlabPackageFile>;

const parse = <T>(schema: z.ZodType<T>, page: PageResult<unknown>): PageResult<T> => ({
  ...page,
  items: page.items.map((i) => schema.parse(i)),
});

async function all<T>(
  rest: ServiceRest,
  path: string,
  schema: z.ZodType<T>,
  params: Record<string, string | number | boolean> = {},
) {
  const out: T[] = [];
  for (let page: number | null = 1; page;) {
    const res: PageResult<T> = parse(
      schema,
      await rest.get<unknown>(path, { ...params, page, per_page: 100 }),
    );
    out.push(...res.items);
    page = res.nextPage;
  }
  return out;
}

/** Top-level groups visible to the service token, or the configured ones (by id or path). */
export async function listRootGroups(
  rest: ServiceRest,
  configured: string[],
): Promise<GitlabGroup[]> {
  if (configured.length) {
    return Promise.all(
      configured.map(async (g) =>
        gitlabGroup.parse(
          (await rest.get<unknown>(`groups/${encodeURIComponent(g)}`, { with_projects: false }))
            .items[0],
        ),
      ),
    );
  }
  return all(rest, "groups", gitlabGroup, {
    top_level_only: true,
    all_available: true,
    order_by: "id",
    sort: "asc",
  });
}

export const listDescendantGroups = (rest: ServiceRest, groupId: number) =>
  all(rest, `groups/${groupId}/descendant_groups`, gitlabGroup, {
    all_available: true,
    order_by: "id",
    sort: "asc",
  });

/** The group's own projects (not subgroups', not shared ones), with registry access level. */
export async function listGroupProjects(
  rest: ServiceRest,
  groupId: number,
): Promise<GitlabProject[]> {
  const rows = await all(rest, `groups/${groupId}/projects`, gitlabProject, {
    include_subgroups: false,
    with_shared: false,
    order_by: "id",
    sort: "asc",
  });
  return rows.filter((p) => p.namespace.id === groupId);
}

/** One page of the group's own packages, newest first (status filter: see lib/catalog/sync.ts). */
export async function listGroupPackagesPage(
  rest: ServiceRest,
  groupId: number,
  page: number,
): Promise<PageResult<GitlabPackage>> {
  return parse(
    gitlabPackage,
    await rest.get<unknown>(`groups/${groupId}/packages`, {
      exclude_subgroups: true,
      order_by: "created_at",
      sort: "desc",
      per_page: 100,
      page,
    }),
  );
}

/** One page of a project's packages, newest first (for projects the group listing leaves out). */
export async function listProjectPackagesPage(
  rest: ServiceRest,
  projectId: number,
  page: number,
): Promise<PageResult<GitlabPackage>> {
  const res = await rest.get<Record<string, unknown>>(`projects/${projectId}/packages`, {
    order_by: "created_at",
    sort: "desc",
    per_page: 100,
    page,
  });
  // GitLab exposes project_id only in group listings; here it is the project asked for.
  return parse(gitlabPackage, {
    ...res,
    items: res.items.map((p) => ({ ...p, project_id: projectId })),
  });
}

/** True when GitLab's group package listing may leave this project's packages out. */
export const groupListingMayMiss = (p: Pick<GitlabProject, "repository_access_level">) =>
  p.repository_access_level === "disabled" || p.repository_access_level === "private";

const currentUser = z.object({
  id: z.number(),
  username: z.string(),
  is_admin: z.boolean().optional(),
});

/**
 * Whether the service token acts as an administrator now. GitLab shows `is_admin` on /user
 * only to a caller that can administer (Entities::UserWithAdmin); with Admin Mode on, an admin's
 * token without the `admin_mode` scope is an ordinary user and the field is absent.
 */
export async function serviceActsAsAdmin(rest: ServiceRest): Promise<boolean> {
  const me = currentUser.parse((await rest.get<unknown>("user")).items[0]);
  return me.is_admin === true;
}

export const listPackageFiles = (rest: ServiceRest, projectId: number, packageId: number) =>
  all(rest, `projects/${projectId}/packages/${packageId}/package_files`, gitlabPackageFile, {
    order_by: "id",
  });

/**
 * Before 17.10 a project says only `packages_enabled`. One anonymous read of its package list
 * recovers part of the true level: GitLab lets anyone list packages of a public project whose
 * registry is enabled or public, and of any project whose registry is public ("Allow anyone to
 * pull"). So 200 → "public" (or "enabled" on a public project, which reads the same); anything
 * else stays "private" (members only): an internal project's `enabled` registry cannot be told
 * from `private` without a non-member's token, so it stays hidden — never shown wrongly.
 * Used by lib/sync/sync-group.ts when the field is missing.
 */
export async function probeRegistryLevel(
  gitlabUrl: string,
  p: Pick<
    GitlabProject,
    "id" | "visibility" | "packages_enabled" | "package_registry_access_level"
  >,
  timeoutMs = 10_000,
): Promise<"disabled" | "private" | "enabled" | "public" | string> {
  if (p.package_registry_access_level) return p.package_registry_access_level;
  if (p.packages_enabled !== true) return "disabled";
  try {
    const res = await fetch(`${gitlabUrl}/api/v4/projects/${p.id}/packages?per_page=1`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    await discardBody(res);
    if (res.status !== 200) return "private";
    return p.visibility === "public" ? "enabled" : "public";
  } catch {
    return "private";
  }
}
