import {
  knownPackages,
  packagesOfProjects,
  projectIdsOfGroup,
  upsertPackages,
  upsertProjects,
  type SyncedPackageRow,
} from "@/db/queries/catalog-sync";
import { env } from "@/lib/env";
import {
  groupListingMayMiss,
  listGroupPackagesPage,
  listGroupProjects,
  listProjectPackagesPage,
  probeRegistryLevel,
  type GitlabPackage,
  type GitlabProject,
} from "@/lib/gitlab/catalog-source";
import { gitlabStatus } from "@/lib/gitlab/errors";
import type { PageResult, ServiceRest } from "@/lib/gitlab/service-rest";
import type { SyncKind, SyncProgress } from "./sync-progress";

// One group's walk: its own projects, then its own packages (exclude_subgroups, so each group
// is an independent unit of work and "fully walked" means exactly this group's projects).
// Projects GitLab's group listing leaves out (repository feature disabled or private) are read
// through the project endpoint.
//
// Statuses: the catalog mirrors what GitLab's default listings show — default, error and
// deprecated. hidden/processing/pending_destruction are left out, as GitLab's own UI does;
// a package that moves into one of them disappears at the next full reconcile.
//
// A walk never deletes: a full walk reports what its listings did not show, and the run's
// reconcile (./reconcile.ts) confirms each with GitLab before anything leaves the mirror.

export type PackageRef = { id: number; projectId: number };

export type GroupWalk = {
  newPackages: PackageRef[];
  /** Full runs: stored packages of the group's listed projects that no listing showed. */
  unlisted: PackageRef[];
  /** Full runs: stored projects of this group that its project listing no longer shows. */
  droppedProjects: number[];
};

/** Before 17.10 only packages_enabled: recover what can be proven, else members only. */
export async function registryLevel(rest: ServiceRest, p: GitlabProject): Promise<string> {
  if (p.package_registry_access_level) return p.package_registry_access_level;
  return probeRegistryLevel(rest.baseUrl, p);
}

const ms = (v: string | Date | null | undefined) => (v ? new Date(v).getTime() : null);

function toRow(p: GitlabPackage): SyncedPackageRow {
  return {
    id: p.id,
    projectId: p.project_id,
    name: p.name,
    version: p.version ?? null,
    packageType: p.package_type,
    status: p.status,
    createdAt: p.created_at,
    lastDownloadedAt: p.last_downloaded_at ?? null,
    webPath: p._links?.web_path ?? null,
    pipeline: p.pipeline
      ? {
          id: p.pipeline.id,
          ref: p.pipeline.ref ?? null,
          sha: p.pipeline.sha ?? null,
          web_url: p.pipeline.web_url ?? null,
          user: p.pipeline.user
            ? { username: p.pipeline.user.username, name: p.pipeline.user.name }
            : null,
        }
      : null,
  };
}

type Walker = {
  kind: SyncKind;
  progress: SyncProgress;
  projectIds: Set<number>;
  /** Listed projects whose registry is not disabled: the only ones whose packages we keep. */
  registryOn: Set<number>;
  seen: Set<number>;
  walk: GroupWalk;
};

/**
 * Pages through one listing, newest first, upserting what is new or changed. An incremental
 * run stops at the first page with nothing new — but not before it has re-read the newest
 * PORTAL_SYNC_REFRESH_PAGES pages: GitLab has no "updated since" order, so this bounded
 * re-read is how status and last-download changes of recently active packages arrive.
 */
async function walkListing(
  w: Walker,
  fetchPage: (page: number) => Promise<PageResult<GitlabPackage>>,
): Promise<void> {
  const c = w.progress.counters;
  const refreshPages = env().syncRefreshPages;
  for (let page: number | null = 1; page;) {
    const res = await fetchPage(page);
    c.pages++;
    c.packagesSeen += res.items.length;
    // A project created after our project listing: it will be picked up next run. GitLab's
    // group listing (GroupPackagesFinder, to 18.6) does not ask the registry level, so it also
    // shows registry-disabled projects' packages — which the registry no longer serves (its
    // endpoints answer 403 even to admins) and nobody may read: left out.
    const items = res.items.filter((p) => w.registryOn.has(p.project_id));
    const known = await knownPackages(items.map((p) => p.id));
    const changed = items.filter((p) => {
      const k = known.get(p.id);
      return !k || k.status !== p.status || ms(k.lastDownloadedAt) !== ms(p.last_downloaded_at);
    });
    await upsertPackages(changed.map(toRow));
    for (const p of items) w.seen.add(p.id);
    for (const p of changed)
      if (!known.has(p.id)) w.walk.newPackages.push({ id: p.id, projectId: p.project_id });
    c.packagesUpserted += changed.length;
    w.progress.tick();
    const nothingNew = items.length > 0 && !items.some((p) => !known.has(p.id));
    if (w.kind === "incremental" && nothingNew && page >= refreshPages) return;
    page = res.nextPage;
  }
}

export async function syncGroup(
  rest: ServiceRest,
  group: { id: number; pathIds: number[] },
  kind: SyncKind,
  progress: SyncProgress,
): Promise<GroupWalk> {
  const projects = await listGroupProjects(rest, group.id);
  const levels = await Promise.all(projects.map((p) => registryLevel(rest, p)));
  await upsertProjects(
    projects.map((p, i) => ({
      id: p.id,
      groupId: group.id,
      groupPathIds: group.pathIds,
      pathWithNamespace: p.path_with_namespace,
      name: p.name,
      visibility: p.visibility,
      registryAccessLevel: levels[i],
      webUrl: p.web_url,
    })),
  );
  const w: Walker = {
    kind,
    progress,
    projectIds: new Set(projects.map((p) => p.id)),
    registryOn: new Set(projects.filter((_, i) => levels[i] !== "disabled").map((p) => p.id)),
    seen: new Set(),
    walk: { newPackages: [], unlisted: [], droppedProjects: [] },
  };

  await walkListing(w, (page) => listGroupPackagesPage(rest, group.id, page));
  for (const [idx, p] of projects.entries()) {
    if (!groupListingMayMiss(p) || levels[idx] === "disabled") continue;
    try {
      await walkListing(w, (page) => listProjectPackagesPage(rest, p.id, page));
    } catch (e) {
      // The token may not read this registry at all: nothing to catalog from it.
      if (gitlabStatus(e) !== 403 && gitlabStatus(e) !== 404) throw e;
    }
  }

  if (kind === "full") {
    // Only reached when every page was read.
    const listed = w.projectIds;
    w.walk.droppedProjects = (await projectIdsOfGroup(group.id)).filter((id) => !listed.has(id));
    const stored = await packagesOfProjects([...listed]);
    w.walk.unlisted = stored.filter((p) => !w.seen.has(p.id));
  }
  return w.walk;
}
