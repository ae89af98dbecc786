import { createPolicy } from "@/db/queries/retention-policies";
import { forEachRetentionSeries } from "@/db/queries/retention-candidates";
import { getSql } from "@/db";
import { bumpCatalogGeneration } from "@/db/catalog-changes";
import { candidateQuery, planFromCatalog } from "@/lib/retention/plan";
import { planRetention } from "@/lib/retention/planner";
import { previewFor } from "@/lib/retention/preview";
import type { CatalogVersion } from "@/lib/retention/types";
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchRetention() {
  const docs = POLICIES.map((p) => policyInputSchema.parse(p));
  const ids: number[] = [];
  for (const d of docs) ids.push((await createPolicy(d, { id: 1, username: "admin" })).id);
  const [{ n }] = await getSql()<{ n: number }[]>`select count(*)::int as n from packages`;
  const now = new Date();

  // Planning as a run does it: the catalog streamed package by package into the planner.
  const planAll = async () => {
    const t = performance.now();
    let deletions = 0;
    let listed = 0;
    for (const d of docs) {
      const plan = await planFromCatalog(d, now);
      deletions += plan.delete.length;
      listed += plan.delete.length + plan.keep.length;
    }
    return { ms: ms(t), deletions, listed };
  };
  await planAll(); // warm-up (JIT, PostgreSQL's cache)
  const plans = [
    await planAll(),
    await planAll(),
    await planAll(),
    await planAll(),
    await planAll(),
  ];
  const planMs = plans.map((p) => p.ms).sort((a, b) => a - b);

  // The same split in two: the rows the query hands over, then the pure planner on them.
  const rows: CatalogVersion[][] = [];
  const tLoad = performance.now();
  for (const d of docs) {
    const r: CatalogVersion[] = [];
    await forEachRetentionSeries(candidateQuery(d), (s) => {
      for (const v of s) r.push(v);
    });
    rows.push(r);
  }
  const loadMs = ms(tLoad);
  const pure = () => {
    const t = performance.now();
    docs.forEach((d, i) => planRetention(rows[i], d, now));
    return ms(t);
  };
  pure();
  const pureMs = [pure(), pure(), pure()];

  // One group policy's preview as the API answers it (50 a page, admin): the first page plans
  // (cold), the next pages reuse that plan while the catalog does not change.
  const group = docs[0];
  const admin = {
    id: 1,
    username: "admin",
    name: "admin",
    image: null,
    isAdmin: true,
    isExternal: false,
  };
  const cold: number[] = [];
  const warm: number[] = [];
  for (let round = 0; round < 3; round++) {
    bumpCatalogGeneration(); // as after a catalog write: the next preview plans again
    for (let page = 1; page <= 11; page++) {
      const t = performance.now();
      await previewFor(admin, group, { page, per_page: 50 });
      (page === 1 ? cold : warm).push(ms(t));
    }
  }
  warm.sort((a, b) => a - b);
  return {
    catalog_versions: n,
    policies: docs.length,
    policy_ids: ids,
    candidate_rows_loaded: rows.reduce((s, r) => s + r.length, 0),
    plan_items_listed: plans[0].listed,
    plan_all_ms: { min: planMs[0], median: median(planMs), max: planMs[planMs.length - 1] },
    load_all_ms: loadMs,
    plan_pure_ms: { median: median(pureMs) },
    deletions_planned: plans[0].deletions,
    preview_group_first_page_ms: { median: median(cold), all: cold },
    preview_group_next_pages_ms: { p50: percentile(warm, 50), p95: percentile(warm, 95) },
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
