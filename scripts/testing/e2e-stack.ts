import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { isPortFree, startEmbeddedPostgres } from "../../db/embedded";
import { migrateDatabase } from "../../db/migrate";
import { BIN, SERVE, startChild, startSandbox, type Child } from "../lib/processes";

// The stack Playwright's webServer runs: fresh PostgreSQL, a fresh sandbox with short-lived
// access tokens (so refresh happens during the suite), a production build on E2E_PORT.

const port = Number(process.env.E2E_PORT ?? 3100);
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 5099);
for (const p of [port, sandboxPort]) {
  if (!(await isPortFree(p))) {
    console.error(
      `Port ${p} is in use (a previous e2e run still alive?) — stop it or set E2E_PORT / E2E_SANDBOX_PORT.`,
    );
    process.exit(1);
  }
}
const dir = await fs.mkdtemp(path.join(os.tmpdir(), "portal-e2e-"));
const pg = await startEmbeddedPostgres({ dir: path.join(dir, "pg") });
await migrateDatabase(pg.url);
const sandbox = await startSandbox({
  SANDBOX_PORT: String(sandboxPort),
  SANDBOX_TOKEN_TTL: process.env.E2E_TOKEN_TTL ?? "20",
});
const env = {
  DATABASE_URL: pg.url,
  GITLAB_URL: sandbox.url,
  GITLAB_OAUTH_CLIENT_ID: "portal-local",
  GITLAB_OAUTH_CLIENT_SECRET: "portal-local-secret",
  GITLAB_SERVICE_TOKEN: "glpat-sandbox-admin",
  NEXTAUTH_URL: `http://localhost:${port}`,
  NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
  CRON_SECRET: "e2e-cron-secret-0000",
  PORTAL_SYNC_INTERVAL_MINUTES: "60",
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
};
const children: Child[] = [sandbox];
if (!process.env.E2E_SKIP_BUILD) {
  const build = startChild(BIN("next"), ["build"], { env, prefix: "[build] " });
  const code = await new Promise<number | null>((r) => build.proc.once("exit", r));
  if (code !== 0) process.exit(1);
}
// As `npm start` runs it (scripts/serve.mjs), so the browser's searches take the same path.
children.push(startChild(process.execPath, [SERVE, String(port)], { env, prefix: "[portal] " }));

async function stop() {
  await Promise.allSettled(children.map((c) => c.stop()));
  await pg.stop().catch(() => {});
  await fs.rm(dir, { recursive: true, force: true });
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
