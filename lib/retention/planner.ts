import picomatch from "picomatch";
import { isPrerelease, sortVersionsDesc } from "@/lib/versions";
import type { CatalogVersion, PlanFileItem, PlanItem, PlannerPolicy, RetentionPlan } from "./types";

// planRetention — pure: (catalog rows, policy, now) → plan. No database, no clock, no GitLab.
//
// A version is a candidate when it is inside the scope and matches every filter. It is
// deleted only when every version rule that is set agrees (AND): not among the keep_latest
// highest candidates of its package (same project, type and name, in the ecosystem's own
// order, creation time breaking ties and ordering versions that do not parse), published
// more than older_than_days ago, not downloaded within not_downloaded_days (never counts as
// not downloaded) — and it is not protected (protect_pattern, or the highest version of its
// package when keep_newest). keep_duplicate_files then acts on the files of kept versions.

const DAY_MS = 86_400_000;

/** GitLab's statuses that are already on their way out or not yet complete: never touched. */
const UNTOUCHABLE = new Set(["pending_destruction", "processing"]);

const GLOB = { dot: true } as const;

export function inScope(row: CatalogVersion, scope: PlannerPolicy["scope"]): boolean {
  return scope.type === "project"
    ? row.projectId === scope.id
    : row.groupPathIds.includes(scope.id);
}

/** Scope and every filter; the same test the property tests hold the planner to. */
export function isCandidate(
  row: CatalogVersion,
  policy: PlannerPolicy,
  match = matchers(policy),
): boolean {
  if (UNTOUCHABLE.has(row.status) || !inScope(row, policy.scope)) return false;
  if (policy.package_types.length && !policy.package_types.includes(row.packageType as never))
    return false;
  if (match.name && !match.name(row.name)) return false;
  if (match.version && !(row.version !== null && match.version(row.version))) return false;
  if (policy.prerelease_only && !isPrerelease(row.packageType, row.version)) return false;
  return true;
}

function matchers(policy: PlannerPolicy) {
  const make = (g: string | null) => (g ? picomatch(g, GLOB) : null);
  return {
    name: make(policy.name_pattern),
    version: make(policy.version_pattern),
    protect: make(policy.protect_pattern),
  };
}

const seriesKey = (r: CatalogVersion) => `${r.projectId}\u0000${r.packageType}\u0000${r.name}`;

const ageDays = (now: number, at: Date) => Math.floor((now - at.getTime()) / DAY_MS);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function item(row: CatalogVersion, reason: string): PlanItem {
  return {
    package_id: row.packageId,
    project_id: row.projectId,
    package_type: row.packageType,
    name: row.name,
    version: row.version,
    reason,
    size_bytes: row.sizeBytes ?? 0,
  };
}

type Verdict = { delete: boolean; reason: string };

/** Every set rule must agree; the first one that does not says why the version stays. */
function judge(
  row: CatalogVersion,
  rank: number,
  policy: PlannerPolicy,
  now: number,
  isNewest: boolean,
  protect: ((s: string) => boolean) | null,
): Verdict {
  if (protect && row.version !== null && protect(row.version))
    return { delete: false, reason: `protected: version matches "${policy.protect_pattern}"` };
  if (policy.keep_newest && isNewest)
    return { delete: false, reason: "protected: newest version of the package" };
  const { keep_latest, older_than_days, not_downloaded_days } = policy;
  if (keep_latest === null && older_than_days === null && not_downloaded_days === null)
    return { delete: false, reason: "no version rule set" };
  const why: string[] = [];
  if (keep_latest !== null) {
    if (rank <= keep_latest)
      return { delete: false, reason: `among the ${keep_latest} highest (#${rank})` };
    why.push(`not among the ${keep_latest} highest (#${rank})`);
  }
  if (older_than_days !== null) {
    const age = ageDays(now, row.createdAt);
    if (now - row.createdAt.getTime() <= older_than_days * DAY_MS)
      return { delete: false, reason: `published ${plural(age, "day")} ago` };
    why.push(`published ${plural(age, "day")} ago`);
  }
  if (not_downloaded_days !== null) {
    const last = row.lastDownloadedAt;
    if (last && now - last.getTime() <= not_downloaded_days * DAY_MS)
      return { delete: false, reason: `downloaded ${plural(ageDays(now, last), "day")} ago` };
    why.push(last ? `not downloaded for ${plural(ageDays(now, last), "day")}` : "never downloaded");
  }
  return { delete: true, reason: why.join("; ") };
}

/** Of the files sharing a name, the newest N stay; the rest go. */
function duplicateFiles(row: CatalogVersion, keep: number): PlanFileItem[] {
  const byName = new Map<string, NonNullable<CatalogVersion["files"]>>();
  for (const f of row.files ?? []) {
    const list = byName.get(f.fileName) ?? [];
    list.push(f);
    byName.set(f.fileName, list);
  }
  const out: PlanFileItem[] = [];
  for (const [fileName, files] of [...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (files.length <= keep) continue;
    const newestFirst = [...files].sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id,
    );
    for (const f of newestFirst.slice(keep))
      out.push({
        package_id: row.packageId,
        project_id: row.projectId,
        package_type: row.packageType,
        name: row.name,
        version: row.version,
        file_id: f.id,
        file_name: fileName,
        reason: `${plural(files.length, "copy")} of ${fileName}; keeping the newest ${keep}`,
        size_bytes: f.size,
      });
  }
  return out;
}

export function planRetention(
  rows: readonly CatalogVersion[],
  policy: PlannerPolicy,
  now: Date,
): RetentionPlan {
  const match = matchers(policy);
  const t = now.getTime();
  // Input order must not matter: group in id order.
  const series = new Map<string, CatalogVersion[]>();
  for (const row of [...rows].sort((a, b) => a.packageId - b.packageId)) {
    if (UNTOUCHABLE.has(row.status) || !inScope(row, policy.scope)) continue;
    const key = seriesKey(row);
    const list = series.get(key);
    if (list) list.push(row);
    else series.set(key, [row]);
  }
  const plan: RetentionPlan = { delete: [], keep: [], delete_files: [], bytes: 0 };
  for (const key of [...series.keys()].sort()) {
    const all = series.get(key)!;
    const type = all[0].packageType;
    // The sync already ranked the series by the ecosystem's order: sorting by that number is
    // what keeps planning a 100 000-version catalog fast. Unranked rows: order them here.
    const ranked = all.every((r) => (r.versionRank ?? 0) > 0);
    const order = (list: CatalogVersion[]) =>
      ranked
        ? [...list].sort((a, b) => b.versionRank! - a.versionRank! || a.packageId - b.packageId)
        : sortVersionsDesc(
            type,
            list,
            (r) => r.version,
            (r) => r.createdAt,
          );
    // "Newest" is the highest version of the whole package, filtered or not.
    const newest = order(all)[0];
    const candidates = order(all.filter((r) => isCandidate(r, policy, match)));
    candidates.forEach((row, i) => {
      const verdict = judge(row, i + 1, policy, t, row === newest, match.protect);
      if (verdict.delete) {
        plan.delete.push(item(row, verdict.reason));
        plan.bytes += row.sizeBytes ?? 0;
        return;
      }
      plan.keep.push(item(row, verdict.reason));
      if (policy.keep_duplicate_files !== null) {
        const files = duplicateFiles(row, policy.keep_duplicate_files);
        plan.delete_files.push(...files);
        for (const f of files) plan.bytes += f.size_bytes;
      }
    });
  }
  return plan;
}
