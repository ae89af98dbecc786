import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { existsSync } from "node:fs";
import { freePort, startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import {
  BIN,
  ROOT,
  startChild,
  startSandbox,
  waitForHttp,
  type Child,
} from "../scripts/lib/processes";
import { SEARCH_QUERIES, measureSearch, type Latency } from "./search-load";

// npm run bench — catalog figures at 100 000 versions (issue 4): full and incremental sync,
// file backfill rate, search latency through the HTTP API, and GitLab's walk-every-group
// baseline; retention planning of ten policies and a group preview's latency (issue 10). Starts its own PostgreSQL, sandbox and portal, and stops all of them.

const VERSIONS = Number(process.env.BENCH_PACKAGES ?? 100_000);
const children: Child[] = [];
let pgStop: (() => Promise<void>) | undefined;
let tmp: string | undefined;

async function cleanup() {
  await Promise.allSettled(children.map((c) => c.stop()));
  await pgStop?.().catch(() => {});
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
}
for (const sig of ["SIGINT", "SIGTERM"] as const)
  process.on(sig, () => void cleanup().then(() => process.exit(130)));

async function buildHasCatalogApi(): Promise<boolean> {
  const manifest = path.join(ROOT, ".next", "app-path-routes-manifest.json");
  if (!existsSync(manifest)) return false;
  return (await fs.readFile(manifest, "utf8")).includes('"/api/packages/route"');
}

async function portPair(): Promise<number> {
  if (process.env.BENCH_PORT) return Number(process.env.BENCH_PORT);
  // Ports 3200–3299 are ours for manual runs; fall back to a random free one.
  for (let p = 3200 + Math.floor(Math.random() * 90); p < 3300; p++) {
    const { isPortFree } = await import("../db/embedded");
    if (await isPortFree(p)) return p;
  }
  return freePort();
}

async function main() {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "portal-bench-"));
  await fs.chmod(tmp, 0o755); // as root, initdb runs as the postgres user and must enter it
  const pgPort = process.env.BENCH_PG_PORT ? Number(process.env.BENCH_PG_PORT) : undefined;
  const pg = await startEmbeddedPostgres({ dir: path.join(tmp, "pg"), port: pgPort });
  pgStop = pg.stop;
  await migrateDatabase(pg.url);
  console.log(`[bench] starting sandbox with SANDBOX_PACKAGES=${VERSIONS}…`);
  const sandbox = await startSandbox(
    { SANDBOX_PACKAGES: String(VERSIONS), SANDBOX_PORT: process.env.BENCH_SANDBOX_PORT ?? "0" },
    { quiet: true },
  );
  children.push(sandbox);
  const portalEnv = {
    DATABASE_URL: pg.url,
    GITLAB_URL: sandbox.url,
    GITLAB_OAUTH_CLIENT_ID: "portal-local",
    GITLAB_OAUTH_CLIENT_SECRET: "portal-local-secret",
    GITLAB_SERVICE_TOKEN: "glpat-sandbox-admin",
    NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret-0000",
    CRON_SECRET: "bench-cron-secret-0000",
    PORTAL_SYNC_INTERVAL_MINUTES: "0",
    SANDBOX_URL: sandbox.url,
  };
  Object.assign(process.env, portalEnv);
  const { benchSync, benchGitlabWalk } = await import("./catalog");
  const { closeDb } = await import("../db");

  console.log("[bench] syncing…");
  const sync = await benchSync();
  console.log(sync);
  const walk = await benchGitlabWalk(sandbox.url, "ui-kit");
  console.log(walk);
  const { benchRetention, benchPreviewHttp } = await import("./retention");
  console.log("[bench] retention planning…");
  const retention: Record<string, unknown> = await benchRetention();
  console.log(retention);
  await closeDb();

  if (process.env.BENCH_SKIP_HTTP === "1") return;
  if (!(await buildHasCatalogApi()) || process.env.BENCH_BUILD === "1") {
    console.log("[bench] next build…");
    const build = startChild(BIN("next"), ["build"], { env: portalEnv, prefix: "[build] " });
    children.push(build);
    const code = await new Promise<number | null>((r) => build.proc.once("exit", r));
    if (code !== 0) throw new Error("next build failed");
  }
  const port = await portPair();
  const baseUrl = `http://localhost:${port}`;
  children.push(
    startChild(BIN("next"), ["start", "-p", String(port)], {
      env: { ...portalEnv, NEXTAUTH_URL: baseUrl, NODE_ENV: "production", PORT: String(port) },
      prefix: "[portal] ",
      quiet: true,
    }),
  );
  await waitForHttp(`${baseUrl}/api/health`);
  if (process.env.BENCH_HOLD === "1") {
    // For profiling: leave the synced stack running until Ctrl-C.
    console.log(`[bench] holding: portal ${baseUrl}, sandbox ${sandbox.url}, ${pg.url}`);
    await new Promise(() => {});
  }
  const search: Record<string, Latency> = {};
  // Steady state, as a server that has been up for a while: a fresh Node process answers
  // its first few thousand requests markedly slower (JIT, heap growth) and only then settles;
  // the warm-up runs at the measured concurrency, so the heap has grown to that load too.
  const warmup = Number(process.env.BENCH_WARMUP ?? 2000);
  for (const user of ["developer", "admin"]) {
    const token = `glpat-sandbox-${user}`;
    await measureSearch({
      baseUrl,
      token,
      queries: SEARCH_QUERIES,
      concurrency: 16,
      requests: warmup,
    });
    for (const concurrency of [1, 16]) {
      search[`${user}_c${concurrency}`] = await measureSearch({
        baseUrl,
        token,
        queries: SEARCH_QUERIES,
        concurrency,
        requests: concurrency === 1 ? 140 : 560,
      });
    }
  }
  retention.preview_group_http_ms = await benchPreviewHttp(
    baseUrl,
    (retention.policy_ids as number[])[0],
  );
  const results = {
    date: new Date().toISOString(),
    versions: VERSIONS,
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    queries: SEARCH_QUERIES,
    warmup_requests_per_user: warmup,
    sync,
    search_ms: search,
    gitlab_walk: walk,
    retention,
    targets: {
      full_sync_s: 60,
      incremental_s: 2,
      search_p95_c16_ms: 50,
      retention_plan_all_ms: 1000,
    },
  };
  console.log("\nCatalog bench — %d versions", VERSIONS);
  console.table({
    "full sync (listings)": { value: `${sync.full_sync_s} s`, target: "≤ 60 s" },
    "incremental, 100 new": { value: `${sync.incremental_100_new_s} s`, target: "≤ 2 s" },
    "incremental, 100 new + files": {
      value: `${sync.incremental_100_new_with_files_s} s`,
      target: "",
    },
    "file backfill": { value: `${sync.backfill_versions_per_s} versions/s`, target: "report" },
    "GitLab walk, package_name filter": {
      value: `${walk.filtered.s} s (${walk.filtered.requests} req)`,
      target: "baseline",
    },
    "retention: plan 10 policies": {
      value: `${(retention.plan_all_ms as { median: number }).median} ms`,
      target: "≤ 1000 ms",
    },
    "retention: group preview (HTTP p50/p95)": {
      value: `${(retention.preview_group_http_ms as { p50: number; p95: number }).p50} / ${(retention.preview_group_http_ms as { p50: number; p95: number }).p95} ms`,
      target: "report",
    },
    "GitLab walk, every page": {
      value: `${walk.full.s} s (${walk.full.requests} req)`,
      target: "baseline",
    },
  });
  console.table(
    Object.fromEntries(
      Object.entries(search).map(([k, v]) => [
        k,
        { p50: v.p50, p95: v.p95, p99: v.p99, n: v.n, errors: v.errors },
      ]),
    ),
  );
  const file = path.join(ROOT, "bench", "results", `${results.date.slice(0, 10)}.json`);
  await fs.writeFile(file, JSON.stringify(results, null, 2) + "\n");
  console.log(`[bench] wrote ${path.relative(ROOT, file)}`);
}

main()
  .catch((e) => {
    console.error("[bench] failed:", e);
    process.exitCode = 1;
  })
  .finally(cleanup);
