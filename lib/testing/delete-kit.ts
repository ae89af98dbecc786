import { getSql } from "@/db";
import { bumpCatalogGeneration } from "@/db/catalog-changes";
import { listMirroredFiles, type MirroredFile } from "@/db/queries/package-mirror";
import { authenticateToken } from "@/lib/auth/api-token";
import { fetchFiles } from "@/lib/sync/files";
import { runSync } from "@/lib/sync/sync";
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

/**
 * Mirrors the sandbox through the real catalog sync (a full run, files left for later), after
 * emptying the mirror, the memberships and the audit log. A run that is not a clean success
 * fails the set-up with its errors — a seed must never silently be partial.
 */
export async function seedMirror(): Promise<void> {
  const sql = getSql();
  await sql`truncate audit_events, package_files, name_trigrams, trigram_names, package_series, packages, projects, groups,
    sync_runs, user_project_access, user_group_access cascade`;
  await sql`update users set access_refreshed_at = null`;
  bumpCatalogGeneration(); // the tables were emptied under the catalog's caches
  const summary = await runSync({ kind: "full", trigger: "test", newFilesLimit: 0 });
  if (summary.status !== "succeeded")
    throw new Error(
      `seeding sync ${summary.status}: ${"errorMessages" in summary ? summary.errorMessages.join("; ") : ""}`,
    );
}

/** Fetches one version's files through the sync's own file fetch, then reads them back. */
export async function seedFiles(projectId: number, packageId: number): Promise<MirroredFile[]> {
  const result = await fetchFiles([{ id: packageId, projectId }]);
  if (result.failed) throw new Error(`files of ${packageId}: ${result.errors.join("; ")}`);
  return listMirroredFiles(packageId);
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

/** Fixture projects' visibility and registry level (sandbox/src/fixture PROJECTS). */
const FIXTURE_PROJECTS: Record<number, [visibility: string, registry: string]> = {
  1: ["private", "enabled"],
  2: ["private", "enabled"],
  3: ["private", "public"],
  4: ["internal", "enabled"],
  5: ["private", "enabled"],
  6: ["private", "enabled"],
  7: ["private", "disabled"],
  8: ["internal", "enabled"],
  9: ["private", "enabled"],
  10: ["public", "enabled"],
  11: ["internal", "enabled"],
  12: ["private", "enabled"],
  13: ["internal", "private"],
};

/**
 * The level the portal mirrors for a fixture project before 17.10, where GitLab reports only
 * `packages_enabled`: the sync's anonymous probe (lib/gitlab/catalog-source.ts
 * probeRegistryLevel) proves a public project's registry and a public registry; anything else
 * that is on reads as members only ("private").
 */
export function mirroredLevelBefore1710(projectId: number): string {
  const [visibility, registry] = FIXTURE_PROJECTS[projectId];
  if (registry === "disabled" || registry === "public") return registry;
  return visibility === "public" ? registry : "private";
}

/**
 * What the portal answers on the playing release. Before 17.10 a project whose level the probe
 * cannot prove (an internal project's `enabled` registry) is mirrored as members only, so a
 * user below Reporter who reads it only through its visibility no longer sees it: the delete
 * that GitLab would refuse (403) is a 404 there — hidden, never shown. A public project (10)
 * and a public registry (3) are proven by the probe and answer as on the newest release.
 * Admins read everything regardless.
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
  const membersOnly = mirroredLevelBefore1710(projectId) === "private";
  const [, registry] = FIXTURE_PROJECTS[projectId];
  // Hidden only where the mirror says less than GitLab does and the user is no Reporter+.
  return membersOnly && registry !== "private" && fixtureLevel(user, projectId) < 20
    ? hidden
    : expected;
}
