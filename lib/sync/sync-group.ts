import {
  deletePackages,
  deleteProjectsOfGroupExcept,
  knownPackages,
  packageIdsOfProjects,
  upsertPackages,
  upsertProjects,
  type SyncedPackageRow,
  type SeriesKey,
} from "@/db/queries/catalog-sync";
import {
  listGroupPackagesPage,
  listGroupProjects,
  type GitlabPackage,
  type GitlabProject,
} from "@/lib/gitlab/catalog-source";
import type { ServiceRest } from "@/lib/gitlab/service-rest";
import type { SyncKind, SyncProgress } from "./sync-progress";

// One group's walk: its own projects, then its own packages (exclude_subgroups, so each group
// is an independent unit of work and "fully walked" means exactly this group's projects).
//
// Statuses: the catalog mirrors what GitLab's default listings show — default, error and
// deprecated. hidden/processing/pending_destruction are left out, as GitLab's own UI does;
// a package that moves into one of them disappears at the next full reconcile.

export type GroupWalk = {
  newPackages: { id: number; projectId: number }[];
  removedSeries: SeriesKey[];
};

export function registryLevel(p: GitlabProject): string {
  if (p.package_registry_access_level) return p.package_registry_access_level;
  return p.packages_enabled === true ? "private" : "disabled"; // < 17.10: err toward hiding
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

export async function syncGroup(
  rest: ServiceRest,
  group: { id: number; pathIds: number[] },
  kind: SyncKind,
  progress: SyncProgress,
): Promise<GroupWalk> {
  const c = progress.counters;
  const projects = await listGroupProjects(rest, group.id);
  await upsertProjects(
    projects.map((p) => ({
      id: p.id,
      groupId: group.id,
      groupPathIds: group.pathIds,
      pathWithNamespace: p.path_with_namespace,
      name: p.name,
      visibility: p.visibility,
      registryAccessLevel: registryLevel(p),
      webUrl: p.web_url,
    })),
  );
  const projectIds = new Set(projects.map((p) => p.id));
  const seen = new Set<number>();
  const walk: GroupWalk = { newPackages: [], removedSeries: [] };

  for (let page: number | null = 1; page;) {
    const res = await listGroupPackagesPage(rest, group.id, page);
    c.pages++;
    c.packagesSeen += res.items.length;
    // A project created after our project listing: it will be picked up next run.
    const items = res.items.filter((p) => projectIds.has(p.project_id));
    const known = await knownPackages(items.map((p) => p.id));
    const changed = items.filter((p) => {
      const k = known.get(p.id);
      return !k || k.status !== p.status || ms(k.lastDownloadedAt) !== ms(p.last_downloaded_at);
    });
    await upsertPackages(changed.map(toRow));
    for (const p of items) seen.add(p.id);
    for (const p of changed)
      if (!known.has(p.id)) walk.newPackages.push({ id: p.id, projectId: p.project_id });
    c.packagesUpserted += changed.length;
    progress.tick();
    // Newest first: a page with nothing new or changed means the rest is known too.
    if (kind === "incremental" && items.length > 0 && changed.length === 0) return walk;
    page = res.nextPage;
  }

  if (kind === "full") {
    // Only reached when every page was read: deleting is safe.
    await deleteProjectsOfGroupExcept(group.id, [...projectIds]);
    const stored = await packageIdsOfProjects([...projectIds]);
    const gone = stored.filter((id) => !seen.has(id));
    for (let i = 0; i < gone.length; i += 5000) {
      const series = await deletePackages(gone.slice(i, i + 5000));
      walk.removedSeries.push(...series);
      c.packagesRemoved += series.length;
    }
  }
  return walk;
}
