import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres } from "../../db/embedded";
import { migrateDatabase } from "../../db/migrate";
import { startSandbox } from "../lib/processes";

// Integration suite: a real PostgreSQL (DATABASE_URL's server with a fresh database, or an
// embedded one in a temp dir) and the sandbox GitLab on a random port. Values reach the
// test workers through process.env, which they inherit.

export const TEST_ENV = {
  GITLAB_OAUTH_CLIENT_ID: "portal-local",
  GITLAB_OAUTH_CLIENT_SECRET: "portal-local-secret",
  GITLAB_SERVICE_TOKEN: "glpat-sandbox-admin",
  NEXTAUTH_SECRET: "integration-tests-secret-integration-tests-secret",
  CRON_SECRET: "integration-tests-cron-secret",
  NEXTAUTH_URL: "http://localhost:3999",
};

async function freshDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const name = `portal_test_${process.pid}_${Date.now()}`;
    const admin = postgres(given, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(given);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      stop: async () => {
        const a = postgres(given, { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
        await a.end();
      },
    };
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "portal-pg-"));
  const server = await startEmbeddedPostgres({ dir: path.join(dir, "pg") });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

export default async function setup() {
  // SANDBOX_GITLAB_VERSION=17.5.0 npm run test:integration runs the suite against an older
  // GitLab (default: the newest the sandbox models); .ci/run does both.
  const version = process.env.SANDBOX_GITLAB_VERSION;
  const [db, sandbox] = await Promise.all([
    freshDatabase(),
    startSandbox(version ? { SANDBOX_GITLAB_VERSION: version } : {}, { quiet: true }),
  ]);
  await migrateDatabase(db.url);
  Object.assign(process.env, TEST_ENV, {
    DATABASE_URL: db.url,
    GITLAB_URL: sandbox.url,
    SANDBOX_URL: sandbox.url,
  });
  return async () => {
    await sandbox.stop();
    await db.stop();
  };
}
