import pLimit from "p-limit";
import {
  countPackages,
  deleteGroups,
  deletePackages,
  deleteProjects,
  groupsExcept,
  projectIdsOfGroups,
  type SeriesKey,
} from "@/db/queries/catalog-sync";
import { env } from "@/lib/env";
import type { GitlabGroup } from "@/lib/gitlab/catalog-source";
import { gitlabStatus } from "@/lib/gitlab/errors";
import type { ServiceRest } from "@/lib/gitlab/service-rest";
import type { PackageRef } from "./sync-group";
import type { SyncProgress } from "./sync-progress";

// The end of a full run: what the listings no longer showed leaves the mirror only once GitLab
// confirms it is gone, and never more than a set share of the catalog in one run.
//
// Offset paging is not stable under change (a delete shifts rows) and a token can lose sight
// of things without anything being deleted (Admin Mode, a lost membership). So a candidate is
// removed only when:
// - a package: GET /projects/:pid/packages/:id answers 404 (or the package is no longer in a
//   displayed status). A token that does not act as admin must also still be able to list the
//   project's packages — otherwise its 404 means "cannot see", not "gone";
// - a project or group: its own GET answers 404 (admin token only), or it now lives outside
//   the synced groups.
// Anything else (200, errors, a reduced view's 404) keeps the row.

export type ReconcileInput = {
  rest: ServiceRest;
  /** The service token acts as an administrator (see serviceActsAsAdmin). */
  admin: boolean;
  discovered: GitlabGroup[];
  /** Stored groups discovery did not list are candidates (only when every group walked). */
  reconcileGroups: boolean;
  unlisted: PackageRef[];
  droppedProjects: number[];
  allowMassRemoval: boolean;
  progress: SyncProgress;
  concurrency: number;
};

const DISPLAYED = new Set(["default", "error", "deprecated"]);

type Probe = { status: number; body: Record<string, unknown> | null };

async function probe(rest: ServiceRest, path: string, params = {}): Promise<Probe> {
  try {
    const res = await rest.get<Record<string, unknown>>(path, params);
    return { status: 200, body: res.items[0] ?? null };
  } catch (e) {
    // No answer at all (network, timeout) is "unconfirmed" like any other non-404.
    return { status: gitlabStatus(e) ?? 0, body: null };
  }
}

export async function reconcile(input: ReconcileInput): Promise<SeriesKey[]> {
  const { rest, admin, progress } = input;
  const c = progress.counters;
  const limit = pLimit(input.concurrency);
  const discoveredIds = new Set(input.discovered.map((g) => g.id));
  const roots = input.discovered
    .filter((g) => !g.parent_id || !discoveredIds.has(g.parent_id))
    .map((g) => g.full_path);
  const inScope = (path: string) => roots.some((r) => path === r || path.startsWith(`${r}/`));
  let unconfirmable = 0;
  const kept = (p: Probe) => {
    if (p.status !== 200 && p.status !== 404 && p.status !== 403) unconfirmable++;
    return false;
  };

  // Groups discovery no longer lists.
  const strayGroups = input.reconcileGroups ? await groupsExcept([...discoveredIds]) : [];
  const goneGroups = (
    await Promise.all(
      strayGroups.map((g) =>
        limit(async () => {
          const p = await probe(rest, `groups/${g.id}`, { with_projects: false });
          if (p.status === 404 && admin) return g.id;
          if (p.status === 200 && !inScope(String(p.body?.full_path ?? ""))) return g.id;
          return kept(p) || null;
        }),
      ),
    )
  ).filter((id): id is number => id !== null);
  const projectsOfGoneGroups = new Set(await projectIdsOfGroups(goneGroups));

  // Projects their group's listing no longer shows.
  const goneProjects = (
    await Promise.all(
      input.droppedProjects
        .filter((id) => !projectsOfGoneGroups.has(id))
        .map((id) =>
          limit(async () => {
            const p = await probe(rest, `projects/${id}`);
            if (p.status === 404 && admin) return id;
            const ns = (p.body?.namespace as { id?: number } | undefined)?.id;
            if (p.status === 200 && ns !== undefined && !discoveredIds.has(ns)) return id;
            return kept(p) || null;
          }),
        ),
    )
  ).filter((id): id is number => id !== null);
  const goneProjectSet = new Set([...goneProjects, ...projectsOfGoneGroups]);

  // Packages no listing showed.
  const registryReadable = new Map<number, Promise<boolean>>();
  const canList = (projectId: number) => {
    let r = registryReadable.get(projectId);
    if (!r) {
      r = probe(rest, `projects/${projectId}/packages`, { per_page: 1 }).then(
        (p) => p.status === 200,
      );
      registryReadable.set(projectId, r);
    }
    return r;
  };
  const gonePackages = (
    await Promise.all(
      input.unlisted
        .filter((p) => !goneProjectSet.has(p.projectId))
        .map((pkg) =>
          limit(async () => {
            const p = await probe(rest, `projects/${pkg.projectId}/packages/${pkg.id}`);
            if (p.status === 200) return DISPLAYED.has(String(p.body?.status)) ? null : pkg.id;
            if (p.status === 404 && (admin || (await canList(pkg.projectId)))) return pkg.id;
            return kept(p) || null;
          }),
        ),
    )
  ).filter((id): id is number => id !== null);

  if (unconfirmable)
    progress.error(`${unconfirmable} missing item(s) kept: GitLab did not confirm they are gone`);

  // The cap: never more than PORTAL_SYNC_MAX_REMOVAL_PERCENT of the catalog in one run.
  const fromProjects = await countPackages([...goneProjectSet]);
  const removing = fromProjects + gonePackages.length;
  if (!removing && !goneGroups.length) return [];
  const total = await countPackages();
  const maxPercent = env().syncMaxRemovalPercent;
  const cap = Math.floor((total * maxPercent) / 100);
  if (removing > cap && !input.allowMassRemoval) {
    progress.error(
      `removal refused: this run would remove ${removing} of ${total} packages ` +
        `(${((removing / Math.max(total, 1)) * 100).toFixed(1)} %, more than ` +
        `PORTAL_SYNC_MAX_REMOVAL_PERCENT=${maxPercent} %) — nothing was removed. If GitLab really ` +
        `lost them, allow it once: POST /api/cron/sync?kind=full&allow_mass_removal=1`,
    );
    return [];
  }

  const removedSeries: SeriesKey[] = [];
  for (let i = 0; i < gonePackages.length; i += 5000)
    removedSeries.push(...(await deletePackages(gonePackages.slice(i, i + 5000))));
  await deleteProjects(goneProjects);
  await deleteGroups(goneGroups);
  c.packagesRemoved += removing;
  return removedSeries;
}
