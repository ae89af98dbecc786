import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as catalogRoute } from "@/app/api/packages/route";
import { REQUEST_MARGIN_MS } from "@/lib/api/route";
import { env } from "@/lib/env";
import { checkHealth } from "@/lib/health";
import { holdTableLock, lockWaiters } from "@/lib/testing/db-lock";
import { resetSandbox, seedMirror } from "@/lib/testing/delete-kit";

// Every API request answers within a bound even when the database does not: a table held by
// maintenance (here an ACCESS EXCLUSIVE lock, as an ALTER or a VACUUM FULL takes), a server
// that stopped answering. Past GitLab's deadline plus a margin the request answers 503
// "unavailable", and once the database answers again so does the portal.
const DEADLINE_MS = 1_000;
// Set before lib/env.ts first reads the environment (each test file has its own modules).
vi.stubEnv("GITLAB_DEADLINE_MS", String(DEADLINE_MS));
const BOUND_MS = DEADLINE_MS + REQUEST_MARGIN_MS;

const get = (path: string) =>
  catalogRoute(
    new NextRequest(`http://localhost:3999${path}`, {
      headers: { "PRIVATE-TOKEN": "glpat-sandbox-developer" },
    }),
    { params: Promise.resolve({}) },
  );

describe("a database that does not answer", () => {
  beforeAll(async () => {
    await resetSandbox();
    await seedMirror();
    expect((await get("/api/packages")).status).toBe(200);
  });

  it("the catalog answers 503 within its bound, then serves again once the lock is gone", async () => {
    const release = await holdTableLock("packages");
    try {
      const started = Date.now();
      const res = await get("/api/packages?q=platon");
      const ms = Date.now() - started;
      const body = await res.json();
      expect(res.status).toBe(503);
      expect(body.error.code).toBe("unavailable");
      expect(body.error.message).toMatch(/could not answer in time/);
      expect(ms).toBeGreaterThanOrEqual(BOUND_MS - 50);
      expect(ms).toBeLessThan(BOUND_MS + 1_500);
    } finally {
      await release();
    }
    const res = await get("/api/packages?q=platon");
    expect(res.status).toBe(200);
    expect((await res.json()).total).toBeGreaterThan(0);
  });

  it("a request given up at its bound cancels its statement: nothing of it waits on", async () => {
    const release = await holdTableLock("packages");
    try {
      const answer = get("/api/packages?q=platon&sort=name");
      // The search reached the table and waits for the lock…
      expect(await lockWaiters((n) => n > 0, BOUND_MS - 500)).toBeGreaterThan(0);
      expect((await answer).status).toBe(503);
      // …and once it has answered 503, its statement is cancelled, not left queued.
      expect(await lockWaiters((n) => n === 0)).toBe(0);
    } finally {
      await release();
    }
  });

  it("searches given up on a locked table leave the pool to everything else", async () => {
    const release = await holdTableLock("packages");
    try {
      // More searches than the pool has connections: each connection ends up with one.
      const pool = env().databasePoolMax;
      const answers = await Promise.all(
        Array.from({ length: pool + 1 }, (_, i) => get(`/api/packages?q=lib${i}`)),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(pool + 1).fill(503));
      // The table is still locked, but the health check's `select 1` gets a connection: the
      // searches' statements were cancelled when they were given up.
      const health = await checkHealth();
      expect(health.db).toBe("ok");
    } finally {
      await release();
    }
  });
});
