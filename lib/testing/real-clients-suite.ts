import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect } from "vitest";
import { GET as listPackages } from "@/app/api/packages/route";
import { runSync } from "@/lib/sync/sync";
import { resetCatalog, resetSandbox } from "./catalog-kit";
import { createDeployToken, removeTempDirs } from "./real-clients-kit";

// What the real-client snippet suites (lib/snippets/real-clients-*.int.test.ts) share: the
// project they publish to, the deploy tokens they publish and read with, and the check that
// a catalog sync then lists what they published. Project 2 (platon/backend/auth-service) is
// private, in root group 101 (platon).

export const PROJECT = 2;
export const GROUP = 101;
export const JOB_TOKEN = `glcbt-sandbox-${PROJECT}`;
/** Real clients start slowly on a shared 2-core machine (npm ~5–10 s a run under load). */
export const CLIENT_TIMEOUT = 150_000;

export type DeployToken = { username: string; token: string };

/** The variables the deploy-token snippets reference. */
export const deployEnv = (t: DeployToken) => ({
  DEPLOY_TOKEN: t.token,
  DEPLOY_TOKEN_USERNAME: t.username,
});

/**
 * A fresh sandbox and catalog for the file, and three deploy tokens made in it: project
 * read-write, project read-only, group read-only. Read them inside tests (made in beforeAll).
 */
export function deployTokensPerFile() {
  const tokens = {} as { write: DeployToken; read: DeployToken; group: DeployToken };
  beforeAll(async () => {
    await resetSandbox();
    await resetCatalog();
    [tokens.write, tokens.read, tokens.group] = await Promise.all([
      createDeployToken({ kind: "projects", id: PROJECT }, [
        "read_package_registry",
        "write_package_registry",
      ]),
      createDeployToken({ kind: "projects", id: PROJECT }, ["read_package_registry"]),
      createDeployToken({ kind: "groups", id: GROUP }, ["read_package_registry"]),
    ]);
  });
  afterAll(removeTempDirs);
  return tokens;
}

/**
 * A full catalog sync, then GET /api/packages?q=snippet as a developer: every `want`
 * ("<type> <name> <version>") is listed and no `unwanted` one is.
 */
export async function expectSyncedCatalog(want: string[], unwanted: string[] = []) {
  const run = await runSync({ kind: "full", trigger: "test", newFilesLimit: 0 });
  expect(run.status, JSON.stringify(run)).toBe("succeeded");
  const res = await listPackages(
    new NextRequest("http://localhost/api/packages?q=snippet&per_page=50", {
      headers: { "PRIVATE-TOKEN": "glpat-sandbox-developer" },
    }),
    { params: Promise.resolve({}) },
  );
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    items?: Array<{ name: string; version: string; package_type: string }>;
  };
  const seen = [
    ...new Set((body.items ?? []).map((p) => `${p.package_type} ${p.name} ${p.version}`)),
  ];
  for (const w of want) expect(seen, w).toContain(w);
  for (const u of unwanted) expect(seen, u).not.toContain(u);
}
