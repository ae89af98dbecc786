// The built portal on several cores: `node scripts/serve.mjs <port>`.
//
// Node runs JavaScript on one core. This is a cluster primary that forks WEB_CONCURRENCY
// workers (default 1), each the built portal (scripts/portal-worker.mjs: Next.js's server, with
// the catalog search answered by its handler directly) on the same port; the primary hands
// connections to them in turn. Each worker is a replica as the design's scale-out describes:
// nothing is shared in memory, caches are dropped across replicas over LISTEN/NOTIFY, and cron
// work takes an advisory lock. Only the first worker runs the in-process schedulers
// (PORTAL_*_INTERVAL_MINUTES).
//
// One by default: each worker warms its own caches (readable sets, counts, name matches,
// pages), and on the 2-core bench machine, with PostgreSQL on the same cores, two workers
// read 13–17 % more searches a second from the database at 100 000 versions but had a longer
// tail at 1 000 000. On a host whose cores are the portal's own, set it to the core count.
//
// A worker that exits after it served is replaced; one that exits before it ever listened
// (no build, a bad environment) stops everything with its exit code. SIGTERM and SIGINT stop
// the workers, then the primary.
import cluster from "node:cluster";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MAX_WORKERS = 8;

/** WEB_CONCURRENCY as a worker count (default 1); throws a clear error on anything but 1–8. */
export function workerCount(value = process.env.WEB_CONCURRENCY) {
  if (value === undefined || value.trim() === "") return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS)
    throw new Error(
      `WEB_CONCURRENCY must be a whole number from 1 to ${MAX_WORKERS} (got "${value}")`,
    );
  return n;
}

/**
 * The environment of worker `index` of `count`: only the first one runs the schedulers, and
 * each knows how many share the host (lib/env.ts divides the database pool between them).
 */
export function workerEnv(index, count) {
  const env = { PORTAL_WORKER: String(index), PORTAL_WORKERS: String(count) };
  if (index > 0) {
    env.PORTAL_SYNC_INTERVAL_MINUTES = "0";
    env.PORTAL_RETENTION_INTERVAL_MINUTES = "0";
  }
  return env;
}

function main() {
  const port = process.argv[2] ?? process.env.PORT ?? "3000";
  let count;
  try {
    count = workerCount();
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  cluster.setupPrimary({
    // PORTAL_SERVE_EXEC: another server script in its place (the launcher's own test).
    exec: process.env.PORTAL_SERVE_EXEC ?? path.join(ROOT, "scripts", "portal-worker.mjs"),
    args: ["-p", port],
    cwd: ROOT,
  });
  let stopping = false;
  const indexOf = new Map();
  const served = new Set();
  const fork = (index) => indexOf.set(cluster.fork(workerEnv(index, count)), index);

  cluster.on("listening", (worker) => served.add(worker));
  cluster.on("exit", (worker, code, signal) => {
    const index = indexOf.get(worker);
    indexOf.delete(worker);
    if (stopping) {
      if (indexOf.size === 0) process.exit(0);
      return;
    }
    if (!served.has(worker)) {
      console.error(`Worker ${index} exited before it served (${signal ?? code}); stopping.`);
      stopping = true;
      for (const w of indexOf.keys()) w.kill("SIGTERM");
      process.exit(typeof code === "number" && code !== 0 ? code : 1);
    }
    served.delete(worker);
    console.error(`Worker ${index} exited (${signal ?? code}); starting another.`);
    setTimeout(() => !stopping && fork(index), 1000);
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (indexOf.size === 0) process.exit(0);
    for (const w of indexOf.keys()) w.kill("SIGTERM");
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  console.log(`Serving on port ${port} with ${count} worker${count === 1 ? "" : "s"}.`);
  for (let i = 0; i < count; i++) fork(i);
}

if (cluster.isPrimary && process.argv[1] === fileURLToPath(import.meta.url)) main();
