import { listenForCatalogChanges, packagesGeneration } from "@/db/catalog-changes";
import { forEachRetentionSeries, type CandidateQuery } from "@/db/queries/retention-candidates";
import { globToLike } from "./like-prefilter";
import { UNTOUCHABLE, createPlanner } from "./planner";
import type { PlannerPolicy, RetentionPlan } from "./types";
import { outsideRequestWork } from "@/db/request-work";
import { AppError } from "@/lib/errors";
import { storedGlobRefusal } from "@/lib/validations/retention";

// Planning a policy from the catalog mirror: what a run would do now. The cron run and the
// preview share planFromCatalog, so "the preview" and "what runs" are one computation; the
// preview reuses a recent plan of the same rules while the catalog has not changed.

/** What the catalog query can narrow exactly; the planner decides the rest. */
export function candidateQuery(policy: PlannerPolicy): CandidateQuery {
  return {
    scope: policy.scope,
    packageTypes: policy.package_types,
    skipStatuses: [...UNTOUCHABLE],
    nameLike: policy.name_pattern === null ? null : globToLike(policy.name_pattern),
    versionLike: policy.version_pattern === null ? null : globToLike(policy.version_pattern),
    keepHighest: policy.keep_newest,
    withFiles: policy.keep_duplicate_files !== null,
  };
}

/** The plan as of `now`, streamed from the mirror package by package. */
export async function planFromCatalog(
  policy: PlannerPolicy,
  now = new Date(),
): Promise<RetentionPlan> {
  const refused = storedGlobRefusal(policy);
  if (refused) throw new AppError("invalid_input", refused);
  const planner = createPlanner(policy, now);
  await forEachRetentionSeries(candidateQuery(policy), (rows) => planner.addSeries(rows));
  return planner.finish();
}

export type DatedPlan = { plan: RetentionPlan; plannedAt: Date };

/** A plan is reused for this long at most (its `plannedAt` says how old it is). */
const TTL_MS = 60_000;
/** Plans of a large scope are big: only the few being paged through are kept. */
const MAX_PLANS = 6;

const recent = new Map<string, { gen: number; at: number; value: Promise<DatedPlan> }>();

/** Only the rules: a policy's name, mode or enabled flag do not change its plan. */
const rulesKey = (p: PlannerPolicy) =>
  JSON.stringify([
    p.scope.type,
    p.scope.id,
    [...p.package_types].sort(),
    p.name_pattern,
    p.version_pattern,
    p.prerelease_only,
    p.keep_latest,
    p.older_than_days,
    p.not_downloaded_days,
    p.keep_duplicate_files,
    p.protect_pattern,
    p.keep_newest,
  ]);

/**
 * The plan of these rules planned within the last minute on the catalog as it is now, or a new
 * one. Any write to the mirror but a membership refresh (this process or another,
 * db/catalog-changes.ts) makes the next call plan again, so paging through a preview never
 * re-plans but never shows a stale catalog.
 */
export async function recentPlan(policy: PlannerPolicy): Promise<DatedPlan> {
  await listenForCatalogChanges();
  const key = rulesKey(policy);
  // A plan covers every version in its scope, whoever asks: memberships do not change it.
  const gen = packagesGeneration();
  const hit = recent.get(key);
  if (hit && hit.gen === gen && Date.now() - hit.at <= TTL_MS) return hit.value;
  const now = new Date();
  const value = outsideRequestWork(() => planFromCatalog(policy, now)).then((plan) => ({
    plan,
    plannedAt: now,
  }));
  recent.delete(key);
  recent.set(key, { gen, at: now.getTime(), value });
  while (recent.size > MAX_PLANS) recent.delete(recent.keys().next().value!);
  value.catch(() => {
    if (recent.get(key)?.value === value) recent.delete(key);
  });
  return value;
}
