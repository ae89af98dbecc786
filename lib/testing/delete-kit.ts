import { getSql } from "@/db";
import { bumpCatalogGeneration } from "@/db/queries/catalog-cache";
import { authenticateToken } from "@/lib/auth/api-token";
import { registryLevel } from "@/lib/catalog/sync-group";
import { sandboxUrl } from "./catalog-kit";

// Helpers for delete integration tests: act as a fixture user, ask the sandbox (as admin)
// what is still there, pick untouched packages from the mirror, read the audit log.

// Sandbox control (reset, faults, publishing) is shared with the catalog tests.
export { addFault, clearFaults, publishPackages, resetSandbox } from "./catalog-kit";

export const FIXTURE_IDS = {
  admin: 1,
  owner: 2,
  maintainer: 3,
  developer: 4,
  reporter: 5,
  planner: 6,
  guest: 7,
  external: 8,
  outsider: 9,
} as const;

export type FixtureUser = keyof typeof FIXTURE_IDS;

/** The identity the API wrapper builds for a PRIVATE-TOKEN call (also refreshes the role cache). */
export const actAs = (user: FixtureUser) =>
  authenticateToken({ token: `glpat-sandbox-${user}`, kind: "pat" });

/** Is the package still listed in GitLab? (admin view; a deleted one is pending_destruction) */
export async function stillInGitlab(projectId: number, packageId: number): Promise<boolean> {
  const res = await fetch(`${sandboxUrl()}/api/v4/projects/${projectId}/packages/${packageId}`, {
    headers: { "PRIVATE-TOKEN": "glpat-sandbox-admin" },
  });
  await res.body?.cancel();
  if (res.status !== 200 && res.status !== 404) throw new Error(`sandbox answered ${res.status}`);
  return res.status === 200;
}

export async function fileStillInGitlab(projectId: number, packageId: number, fileId: number) {
  const res = await fetch(
    `${sandboxUrl()}/api/v4/projects/${projectId}/packages/${packageId}/package_files?per_page=100`,
    { headers: { "PRIVATE-TOKEN": "glpat-sandbox-admin" } },
  );
  const files = (await res.json()) as Array<{ id: number }>;
  return files.some((f) => f.id === fileId);
}

const taken = new Set<number>();

/** A mirrored, displayable package of the project that no earlier test has used. */
export async function takePackage(projectId: number): Promise<number> {
  const rows = await getSql()<{ id: string }[]>`
    select id from packages where project_id = ${projectId} and status = 'default'
    order by id`;
  const row = rows.find((r) => !taken.has(Number(r.id)));
  if (!row) throw new Error(`no untouched package left in project ${projectId}`);
  taken.add(Number(row.id));
  return Number(row.id);
}

export async function inMirror(packageId: number): Promise<boolean> {
  const [row] = await getSql()`select 1 from packages where id = ${packageId}`;
  return Boolean(row);
}

export async function auditRows(packageId: number) {
  return getSql()<
    {
      actor_username: string;
      action: string;
      result: string;
      via: string;
      project_path: string | null;
      bytes: string | null;
      file_id: string | null;
    }[]
  >`select actor_username, action, result, via, project_path, bytes, file_id
    from audit_events where package_id = ${packageId} order by id`;
}

type GitlabProject = {
  id: number;
  name: string;
  path_with_namespace: string;
  visibility: string;
  package_registry_access_level?: string;
  packages_enabled?: boolean | null;
  web_url: string;
  namespace: { id: number };
};
type GitlabPackage = {
  id: number;
  name: string;
  version: string | null;
  package_type: string;
  status: string;
  created_at: string;
  last_downloaded_at: string | null;
};
type GitlabFile = { id: number; file_name: string; size: number; created_at: string };

async function adminGetAll<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const sep = path.includes("?") ? "&" : "?";
    const res = await fetch(`${sandboxUrl()}/api/v4/${path}${sep}per_page=100&page=${page}`, {
      headers: { "PRIVATE-TOKEN": "glpat-sandbox-admin" },
    });
    if (!res.ok) throw new Error(`sandbox GET ${path}: ${res.status}`);
    items.push(...((await res.json()) as T[]));
    if (!res.headers.get("x-next-page")) return items;
  }
}

/**
 * Mirrors the sandbox's projects and packages (and, for the given projects, files) straight
 * into the catalog tables — independent of the catalog sync, so these tests only exercise
 * delete. Versions are ranked by id, which is enough for the rank bookkeeping under test.
 */
export async function seedMirror({ filesOf = [] }: { filesOf?: number[] } = {}): Promise<void> {
  const sql = getSql();
  await sql`truncate audit_events, package_files, packages, projects, user_project_access, user_group_access cascade`;
  await sql`update users set access_refreshed_at = null`;
  const projects = await adminGetAll<GitlabProject>("projects");
  await sql`insert into projects ${sql(
    projects.map((p) => ({
      id: p.id,
      group_id: p.namespace.id,
      path_with_namespace: p.path_with_namespace,
      name: p.name,
      visibility: p.visibility,
      // The sync's own rule, so an older GitLab (no package_registry_access_level) seeds as
      // the portal would mirror it.
      registry_access_level: registryLevel(p as Parameters<typeof registryLevel>[0]),
      web_url: p.web_url,
    })),
  )}`;
  for (const project of projects) {
    const pkgs = await adminGetAll<GitlabPackage>(`projects/${project.id}/packages`).catch(
      () => [],
    );
    if (!pkgs.length) continue;
    await sql`insert into packages ${sql(
      pkgs.map((p) => ({
        id: p.id,
        project_id: project.id,
        name: p.name,
        version: p.version,
        package_type: p.package_type,
        status: p.status,
        created_at: p.created_at,
        last_downloaded_at: p.last_downloaded_at,
        version_rank: p.id,
      })),
    )}`;
    if (filesOf.includes(project.id)) for (const p of pkgs) await seedFiles(project.id, p.id);
  }
  bumpCatalogGeneration(); // the tables were rewritten under the catalog's caches
}

export async function seedFiles(projectId: number, packageId: number): Promise<GitlabFile[]> {
  const sql = getSql();
  const files = await adminGetAll<GitlabFile>(
    `projects/${projectId}/packages/${packageId}/package_files`,
  );
  if (files.length)
    await sql`insert into package_files ${sql(
      files.map((f) => ({
        id: f.id,
        package_id: packageId,
        file_name: f.file_name,
        size: f.size,
        created_at: f.created_at,
      })),
    )} on conflict do nothing`;
  const size = files.reduce((s, f) => s + f.size, 0);
  await sql`update packages set size_bytes = ${size}, file_count = ${files.length}, files_synced_at = now()
    where id = ${packageId}`;
  return files;
}

/** An untouched package of the project with at least `min` files (files mirrored too). */
export async function takePackageWithFiles(projectId: number, min = 2) {
  for (;;) {
    const id = await takePackage(projectId);
    const files = await seedFiles(projectId, id);
    if (files.length >= min) return { id, files };
  }
}

/** Does the sandbox play a GitLab older than 17.10 (no package_registry_access_level)? */
export async function registryLevelHidden(): Promise<boolean> {
  const res = await fetch(`${sandboxUrl()}/api/v4/version`, {
    headers: { "PRIVATE-TOKEN": "glpat-sandbox-admin" },
  });
  const [major, minor] = ((await res.json()) as { version: string }).version.split(".").map(Number);
  return !(major > 17 || (major === 17 && minor >= 10));
}

const PLATON = [1, 2, 3, 4, 5, 6, 7, 8, 9, 13];

/** The fixture user's effective level on a project (sandbox README "Fixture"). */
export function fixtureLevel(user: FixtureUser, projectId: number): number {
  const on = (ids: number[], level: number) => (ids.includes(projectId) ? level : 0);
  switch (user) {
    case "owner":
      return 50;
    case "maintainer":
      return on([1, 2, 3], 40);
    case "developer":
      return on(PLATON, 30);
    case "reporter":
      return on(PLATON, 20);
    case "planner":
      return on(PLATON, 15);
    case "guest":
      return on(PLATON, 10);
    case "external":
      return on([1], 20);
    default:
      return 0;
  }
}

/**
 * Before 17.10 the portal mirrors a registry it cannot read the level of as members-only, so a
 * user below Reporter who reads a project only through its visibility (or a public registry)
 * no longer sees it: the delete that GitLab would refuse (403) is a 404 there — hidden, never
 * shown. Admins read everything regardless.
 */
export function onRelease<S extends string>(
  expected: S,
  user: FixtureUser,
  projectId: number,
  old: boolean,
  refused: S,
  hidden: S,
): S {
  if (!old || user === "admin" || expected !== refused) return expected;
  return fixtureLevel(user, projectId) < 20 ? hidden : expected;
}
