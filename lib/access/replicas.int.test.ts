import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db";
import { resetCatalog, resetSandbox, sandboxUrl } from "@/lib/testing/catalog-kit";
import { runSync } from "@/lib/sync/sync";

// Two portal server processes on one database (scripts/testing/portal-server.ts: the real
// route handlers, caches and invalidation, served by Node's HTTP server). A change made
// through one must be seen through the other at once — not after the caches' 30 s TTL.

const ROOT = path.resolve(import.meta.dirname, "..", "..");
type Server = { url: string; proc: ChildProcess };

function startPortal(): Promise<Server> {
  const proc = spawn(
    path.join(ROOT, "node_modules", ".bin", "tsx"),
    ["scripts/testing/portal-server.ts"],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] }, // inherits the suite's environment
  );
  return new Promise((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve({ url: `http://127.0.0.1:${m[1]}`, proc });
    });
    proc.once("exit", (code) => reject(new Error(`portal server exited with ${code}`)));
  });
}

async function stop(s: Server | undefined) {
  if (!s || s.proc.exitCode !== null) return;
  const gone = new Promise((r) => s.proc.once("exit", r));
  s.proc.kill("SIGTERM");
  await gone;
}

async function api(server: Server, user: string, path: string, method = "GET") {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { "PRIVATE-TOKEN": `glpat-sandbox-${user}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

type List = { total: number; items: Array<{ id: number }> };
const list = async (server: Server, user: string, query: string) => {
  const res = await api(server, user, `/api/packages?${query}`);
  expect(res.status).toBe(200);
  return res.body as unknown as List;
};

/** Polls `read` until `ok` holds, for at most `ms`; returns how long it took. */
async function within<T>(ms: number, read: () => Promise<T>, ok: (v: T) => boolean) {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (ok(value)) return Date.now() - started;
    if (Date.now() - started > ms) return Infinity;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("two portal processes on one database", () => {
  let a: Server | undefined;
  let b: Server | undefined;

  beforeAll(async () => {
    await resetSandbox();
    await resetCatalog();
    await getSql()`update users set access_refreshed_at = null`;
    const summary = await runSync({ kind: "full", trigger: "test" });
    expect(summary.status).toBe("succeeded");
    [a, b] = await Promise.all([startPortal(), startPortal()]);
  });

  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    // Give the next suite the fixture's memberships back, rebuilt at its first request.
    await resetSandbox();
    await getSql()`update users set access_refreshed_at = null`;
  });

  it("a delete through one is gone through the other at once (rows and counts)", async () => {
    const query = "project=1&view=versions&per_page=100";
    // B reads twice: its counts and readable set are cached now.
    const before = await list(b!, "maintainer", query);
    await list(b!, "maintainer", query);
    const victim = before.items[0].id;

    const deleted = await api(a!, "maintainer", `/api/packages/${victim}`, "DELETE");
    expect(deleted.status).toBe(200);

    const took = await within(
      1000,
      () => list(b!, "maintainer", query),
      (after) => after.total === before.total - 1 && !after.items.some((i) => i.id === victim),
    );
    expect(took).toBeLessThan(1000);
    expect((await api(b!, "maintainer", `/api/packages/${victim}`)).status).toBe(404);
  });

  it("a membership revoked and rebuilt through one hides the project's packages through the other", async () => {
    // external is Reporter on platon/backend/api (project 1, private) and nothing else there.
    const query = "project=1&per_page=5";
    const before = await list(b!, "external", query);
    expect(before.total).toBeGreaterThan(0);

    const revoke = await fetch(`${sandboxUrl()}/api/v4/projects/1/members/8`, {
      method: "DELETE",
      headers: { "PRIVATE-TOKEN": "glpat-sandbox-admin" },
    });
    expect(revoke.status).toBe(204);
    // Fifteen minutes pass: the next request through A rebuilds external's memberships.
    await getSql()`update users set access_refreshed_at = null where username = 'external'`;
    expect((await list(a!, "external", query)).total).toBe(0);

    const took = await within(
      1000,
      () => list(b!, "external", query),
      (after) => after.total === 0 && after.items.length === 0,
    );
    expect(took).toBeLessThan(1000);
  });
});
