import { NextRequest } from "next/server";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as catalogRoute } from "@/app/api/packages/route";
import { REQUEST_MARGIN_MS } from "@/lib/api/route";
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
  // Another client: the one doing maintenance.
  const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  afterAll(() => other.end());

  beforeAll(async () => {
    await resetSandbox();
    await seedMirror();
    expect((await get("/api/packages")).status).toBe(200);
  });

  it("the catalog answers 503 within its bound, then serves again once the lock is gone", async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = other.begin(async (tx) => {
      await tx`lock table packages in access exclusive mode`;
      locked();
      await released;
    });
    await isLocked;
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
      release();
      await holder;
    }
    const res = await get("/api/packages?q=platon");
    expect(res.status).toBe(200);
    expect((await res.json()).total).toBeGreaterThan(0);
  });
});
