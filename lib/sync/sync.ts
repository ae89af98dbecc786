import pLimit from "p-limit";
import { upsertGroups, type SeriesKey } from "@/db/queries/catalog-sync";
import { env } from "@/lib/env";
import {
  listDescendantGroups,
  listRootGroups,
  type GitlabGroup,
} from "@/lib/gitlab/catalog-source";
import { serviceRest, type ServiceRest } from "@/lib/gitlab/service-rest";
import { fetchFiles } from "./files";
import { LOCKS, LockLostError, withAdvisoryLock, type HeldLock } from "@/lib/jobs/advisory-lock";
import { recomputePendingRanks, recomputeRanks } from "./ranks";
import { analyzeCatalog, refreshAllSeries as refreshSeries } from "@/db/queries/package-series";
import {
  getLatestSyncRun,
  startSyncProgress,
  type Counters,
  type SyncKind,
  type SyncTrigger,
} from "./sync-progress";
import { syncGroup, type PackageRef } from "./sync-group";
import { setLiveGovernor } from "./live";
import { reconcile } from "./reconcile";
import { checkServiceAccess, LIMITED_ACCESS_MESSAGE } from "./service-access";

// Catalog sync: mirror every package GitLab lists for the service token into PostgreSQL.
// Consistency under interruption: each page is upserted as one statement, deletions happen
// only for groups walked to the end without error and only once GitLab confirms them
// (./reconcile.ts, capped per run), and unranked rows are ranked by whichever run comes next —
// so a run cut off half-way leaves a usable catalog and the next one finishes.

export type SyncOptions = {
  kind: SyncKind;
  trigger: SyncTrigger;
  concurrency?: number;
  /** Files fetched inline for new versions; the rest is left to backfillFiles. */
  newFilesLimit?: number;
  rest?: ServiceRest;
  /** Lets this one run remove more than PORTAL_SYNC_MAX_REMOVAL_PERCENT of the catalog. */
  allowMassRemoval?: boolean;
  /** How often the run's lock is checked in the background (default 5 s; tests shorten it). */
  lockHeartbeatMs?: number;
};

export type SyncSummary =
  | ({
      status: "succeeded" | "partial" | "failed";
      runId: number;
      kind: SyncKind;
      durationMs: number;
      ranksUpdated: number;
    } & Omit<Counters, "errorMessages"> & { errorMessages: string[] })
  | { status: "already_running"; runId: number | null };

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 300);

type GroupUnit = { id: number; fullPath: string; pathIds: number[] };

async function discoverGroups(rest: ServiceRest): Promise<GitlabGroup[]> {
  const roots = await listRootGroups(rest, env().syncGroups);
  const nested = await Promise.all(roots.map((g) => listDescendantGroups(rest, g.id)));
  const byId = new Map<number, GitlabGroup>();
  for (const g of [...roots, ...nested.flat()]) byId.set(g.id, g);
  return [...byId.values()];
}

function withAncestors(all: GitlabGroup[]): GroupUnit[] {
  const byId = new Map(all.map((g) => [g.id, g]));
  return all.map((g) => {
    const pathIds: number[] = [];
    for (
      let cur: GitlabGroup | undefined = g;
      cur;
      cur = cur.parent_id ? byId.get(cur.parent_id) : undefined
    ) {
      pathIds.unshift(cur.id);
    }
    return { id: g.id, fullPath: g.full_path, pathIds };
  });
}

export async function runSync(opts: SyncOptions): Promise<SyncSummary> {
  const outcome = await withAdvisoryLock(LOCKS.sync, (lock) => syncLocked(opts, lock), {
    heartbeatMs: opts.lockHeartbeatMs,
  });
  if (outcome.acquired) return outcome.value;
  const latest = await getLatestSyncRun();
  return { status: "already_running", runId: latest?.status === "running" ? latest.id : null };
}

async function syncLocked(opts: SyncOptions, lock: HeldLock): Promise<SyncSummary> {
  const started = Date.now();
  const rest = opts.rest ?? serviceRest();
  const progress = await startSyncProgress(opts.kind, opts.trigger);
  const c = progress.counters;
  const newPackages: { id: number; projectId: number }[] = [];
  let removedSeries: SeriesKey[] = [];
  const unlisted: PackageRef[] = [];
  const droppedProjects: number[] = [];
  setLiveGovernor(rest.governor);
  let status: "succeeded" | "partial" | "failed" = "succeeded";
  let ranksUpdated = 0;
  try {
    const access = await checkServiceAccess(rest);
    if (access !== "admin") progress.notice(LIMITED_ACCESS_MESSAGE);
    const groups = await discoverGroups(rest);
    await upsertGroups(
      groups.map((g) => ({
        id: g.id,
        parentId: g.parent_id ?? null,
        fullPath: g.full_path,
        name: g.name,
        visibility: g.visibility,
        webUrl: g.web_url,
      })),
    );
    const units = withAncestors(groups);
    c.groupsTotal = units.length;
    progress.tick();
    const limit = pLimit(opts.concurrency ?? 4);
    let failedGroups = 0;
    await Promise.all(
      units.map((g) =>
        limit(async () => {
          // The lock is lost (its connection closed): another replica may be syncing now, so
          // the groups not yet started are left to it, or to the next run.
          if (lock.signal.aborted) return;
          try {
            const walk = await syncGroup(rest, g, opts.kind, progress);
            newPackages.push(...walk.newPackages);
            unlisted.push(...walk.unlisted);
            droppedProjects.push(...walk.droppedProjects);
          } catch (e) {
            failedGroups++;
            progress.error(`group ${g.fullPath}: ${describe(e)}`);
          } finally {
            c.groupsDone++;
            progress.tick();
          }
        }),
      ),
    );
    // Discovery succeeded (we are here); only fully walked groups reported candidates.
    // Groups are reconciled only when every group walked: a failed walk can hide a project
    // that moved into it.
    // The mirror's removals run only while this is the one sync: the lock went with its
    // database connection if PostgreSQL closed it (LockLostError fails the run instead; a
    // loss the heartbeat found already stopped the walk above).
    lock.signal.throwIfAborted();
    if (opts.kind === "full") await lock.assertHeld();
    if (opts.kind === "full")
      removedSeries = await reconcile({
        rest,
        admin: access === "admin",
        discovered: groups,
        reconcileGroups: failedGroups === 0,
        unlisted,
        droppedProjects: failedGroups ? [] : droppedProjects,
        allowMassRemoval: opts.allowMassRemoval ?? false,
        progress,
        concurrency: opts.concurrency ?? 4,
      });
    ranksUpdated = (await recomputeRanks(removedSeries)) + (await recomputePendingRanks());
    const fileTargets = newPackages.slice(0, opts.newFilesLimit ?? 200);
    if (fileTargets.length) {
      const files = await fetchFiles(fileTargets, { concurrency: opts.concurrency ?? 4, rest });
      c.filesFetched += files.fetched;
      for (const m of files.errors) progress.error(m);
    }
    // A full run may also have dropped whole projects (their packages go by cascade, uncounted).
    if (
      opts.kind === "full" ||
      c.packagesUpserted ||
      c.packagesRemoved ||
      c.filesFetched ||
      ranksUpdated
    )
      await refreshSeries();
    // After a large change the planner must see the new row counts and value spread at once,
    // not when autovacuum gets round to it: searches right after a first sync otherwise pick
    // plans that walk the whole table.
    if (c.packagesUpserted + c.packagesRemoved > 1000) await analyzeCatalog();
    status =
      failedGroups === units.length && units.length > 0
        ? "failed"
        : c.errors
          ? "partial"
          : "succeeded";
  } catch (e) {
    progress.error(
      e instanceof LockLostError
        ? `${e.message} Stopped before removing anything from the mirror; the next full sync does it.`
        : describe(e),
    );
    status = "failed";
  } finally {
    if (rest.governor.waits)
      progress.notice(
        `GitLab's rate limit held this run ${rest.governor.waits} time(s); it waited and went on`,
      );
    setLiveGovernor(null);
    await progress.finish(status);
  }
  return {
    status,
    runId: progress.runId,
    kind: opts.kind,
    durationMs: Date.now() - started,
    ranksUpdated,
    ...c,
  };
}
