import { createPolicy } from "@/db/queries/retention-policies";
import { listRetentionCandidates, attachRetentionFiles } from "@/db/queries/retention-candidates";
import { getSql } from "@/db";
import { planRetention } from "@/lib/retention/planner";
import type { CatalogVersion } from "@/lib/retention/types";
import { planFromCatalog } from "@/lib/retention/preview";
import { policyInputSchema, type PolicyInput } from "@/lib/validations/retention";

// Retention figures on the bench's synced catalog (issue 10): planning every policy of ten
// with mixed rules (target ≤ 1 s for all ten), and a group policy's preview latency, in
// process and (when the portal is up) through POST /api/policies/:id/preview.

const POLICIES: PolicyInput[] = [
  { name: "platon keep 5", scope: { type: "group", id: 101 }, keep_latest: 5 },
  {
    name: "platon old",
    scope: { type: "group", id: 101 },
    older_than_days: 365,
    keep_newest: true,
  },
  {
    name: "platon stale",
    scope: { type: "group", id: 101 },
    not_downloaded_days: 90,
    keep_latest: 3,
  },
  {
    name: "npm prereleases",
    scope: { type: "group", id: 101 },
    package_types: ["npm"],
    prerelease_only: true,
    keep_latest: 2,
  },
  {
    name: "maven snapshots",
    scope: { type: "group", id: 101 },
    package_types: ["maven"],
    version_pattern: "*-SNAPSHOT",
    older_than_days: 30,
  },
  {
    name: "pypi protected",
    scope: { type: "group", id: 101 },
    package_types: ["pypi"],
    keep_latest: 10,
    protect_pattern: "1.*",
  },
  {
    name: "shared all rules",
    scope: { type: "group", id: 105 },
    keep_latest: 3,
    older_than_days: 180,
    not_downloaded_days: 60,
  },
  {
    name: "backend names",
    scope: { type: "group", id: 102 },
    name_pattern: "@platon/*",
    keep_latest: 4,
  },
  { name: "commons project", scope: { type: "project", id: 10 }, keep_latest: 1 },
  {
    name: "generic old",
    scope: { type: "group", id: 101 },
    package_types: ["generic"],
    older_than_days: 90,
  },
];

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function benchRetention() {
  const docs = POLICIES.map((p) => policyInputSchema.parse(p));
  const ids: number[] = [];
  for (const d of docs) ids.push((await createPolicy(d, { id: 1, username: "admin" })).id);
  const [{ n }] = await getSql()<{ n: number }[]>`select count(*)::int as n from packages`;

  // Rows loaded once per policy (the cron run does the same), then planning timed alone.
  const rows: CatalogVersion[][] = [];
  const tLoad = performance.now();
  for (const d of docs) {
    let r = await listRetentionCandidates(d.scope, d.package_types);
    if (d.keep_duplicate_files !== null) r = await attachRetentionFiles(r);
    rows.push(r);
  }
  const loadMs = ms(tLoad);
  const now = new Date();
  const planOnce = () => {
    const t = performance.now();
    let deletions = 0;
    docs.forEach((d, i) => (deletions += planRetention(rows[i], d, now).delete.length));
    return { ms: ms(t), deletions };
  };
  planOnce(); // warm-up (JIT)
  const plans = [planOnce(), planOnce(), planOnce()];
  const planMs = plans.map((p) => p.ms).sort((a, b) => a - b);

  // One group policy's preview as the API computes it (query + plan), repeated.
  const group = docs[0];
  const preview: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await planFromCatalog(group, now);
    preview.push(ms(t));
  }
  preview.sort((a, b) => a - b);
  return {
    catalog_versions: n,
    policies: docs.length,
    policy_ids: ids,
    candidate_rows_loaded: rows.reduce((s, r) => s + r.length, 0),
    load_all_ms: loadMs,
    plan_all_ms: { min: planMs[0], median: planMs[1], max: planMs[2] },
    deletions_planned: plans[0].deletions,
    preview_group_in_process_ms: { p50: percentile(preview, 50), p95: percentile(preview, 95) },
  };
}

/** The same group policy's preview through the HTTP API (admin token), sequentially. */
export async function benchPreviewHttp(baseUrl: string, policyId: number, requests = 20) {
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t = performance.now();
    const res = await fetch(`${baseUrl}/api/policies/${policyId}/preview?per_page=50`, {
      method: "POST",
      headers: { "PRIVATE-TOKEN": "glpat-sandbox-admin" },
    });
    if (!res.ok) throw new Error(`preview answered ${res.status}`);
    await res.arrayBuffer();
    times.push(ms(t));
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), n: requests };
}
