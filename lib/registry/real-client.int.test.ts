import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as registryRoute from "@/app/api/projects/[id]/registry/route";
import * as projectTokens from "@/app/api/projects/[id]/deploy-tokens/route";
import { runSync } from "@/lib/sync/sync";
import { resetCatalog, resetSandbox, sandboxUrl } from "@/lib/testing/catalog-kit";
import { registryLevelHidden } from "@/lib/testing/delete-kit";

// The real npm client against the sandbox: a read-only deploy token made through the portal
// installs but cannot publish; a registry made public installs anonymously; private again fails.

const run = promisify(execFile);
const PROJECT = 2; // platon/backend/auth-service: private, @platon/auth-client
const PACKAGE = "@platon/auth-client";
const BASE = "http://localhost:3999";

async function portal(
  handler: (
    req: NextRequest,
    ctx: { params: Promise<Record<string, string>> },
  ) => Promise<Response>,
  method: string,
  body: unknown,
) {
  const req = new NextRequest(`${BASE}/api/projects/${PROJECT}`, {
    method,
    headers: { "PRIVATE-TOKEN": "glpat-sandbox-maintainer", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve({ id: String(PROJECT) }) });
  return { status: res.status, body: await res.json() };
}

let dir = "";
const registry = () => `${sandboxUrl()}/api/v4/projects/${PROJECT}/packages/npm/`;

async function npmrc(token: string | null) {
  const host = registry().replace(/^https?:/, "");
  const lines = [`@platon:registry=${registry()}`];
  if (token) lines.push(`${host}:_authToken=${token}`);
  await writeFile(path.join(dir, ".npmrc"), `${lines.join("\n")}\n`);
  await writeFile(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "consumer", version: "1.0.0" }),
  );
}

async function npm(args: string[]) {
  try {
    const { stdout } = await run(
      "npm",
      [...args, "--no-audit", "--no-fund", "--cache", path.join(dir, ".cache")],
      {
        cwd: dir,
        timeout: 120_000,
      },
    );
    return { ok: true, out: stdout };
  } catch (e) {
    return { ok: false, out: String((e as { stderr?: string }).stderr ?? e) };
  }
}

describe("real npm client with portal-made credentials", () => {
  beforeAll(async () => {
    await resetSandbox();
    await resetCatalog();
    await runSync({ kind: "full", trigger: "test", newFilesLimit: 0 });
    dir = await mkdtemp(path.join(tmpdir(), "npm-consumer-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("a read-only deploy token installs and cannot publish", async () => {
    const made = await portal(projectTokens.POST, "POST", {
      name: "consumer",
      scopes: ["read_package_registry"],
    });
    expect(made.status).toBe(201);
    await npmrc(made.body.token);
    expect((await npm(["install", PACKAGE])).ok).toBe(true);
    await writeFile(
      path.join(dir, "package.json"),
      JSON.stringify({ name: PACKAGE, version: "99.0.0", publishConfig: { registry: registry() } }),
    );
    const pub = await npm(["publish"]);
    expect(pub.ok).toBe(false);
    expect(pub.out).toMatch(/403|401/);
  });

  it("public registry → anonymous install works; private again → it fails (before 17.10: public is refused 409, install still fails)", async () => {
    await npmrc(null);
    expect((await npm(["install", PACKAGE])).ok).toBe(false);
    const open = await portal(registryRoute.PUT, "PUT", { access_level: "public" });
    if (await registryLevelHidden()) {
      // GitLab before 17.10 cannot take the level through its API: nothing changed.
      expect(open.status).toBe(409);
      expect(open.body.error.message).toMatch(/^GitLab 17\.\d+\.\d+ cannot set/);
      expect((await npm(["install", PACKAGE, "--prefer-online"])).ok).toBe(false);
      return;
    }
    expect(open.status).toBe(200);
    expect((await npm(["install", PACKAGE, "--prefer-online"])).ok).toBe(true);
    expect((await portal(registryRoute.PUT, "PUT", { access_level: "private" })).status).toBe(200);
    await rm(path.join(dir, "node_modules"), { recursive: true, force: true });
    await rm(path.join(dir, "package-lock.json"), { force: true });
    expect((await npm(["install", PACKAGE, "--prefer-online"])).ok).toBe(false);
  });
});
