import { describe, expect, it } from "vitest";
import { getSql } from "@/db";
import { env } from "@/lib/env";
import { checkHealth } from "@/lib/health";

// /api/health answers within 3 s even when the database does not: here the portal's own pool
// is taken by slow queries (what a stuck report or a server under a long lock looks like from
// the pool), so the ping waits for a connection that does not come in time.

const SLEEP_S = 6;

describe("health check with a database that does not answer", () => {
  it("reports the database as an error within 3 s, then ok once it answers again", async () => {
    const sql = getSql();
    const busy = Array.from({ length: env().databasePoolMax }, () =>
      sql`select pg_sleep(${SLEEP_S})`.execute(),
    );
    // Every connection is taken before the ping is queued.
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    const health = await checkHealth();
    const ms = Date.now() - started;
    expect(health.db).toBe("error");
    expect(health.status).toBe("degraded");
    expect(ms).toBeGreaterThanOrEqual(2_900);
    expect(ms).toBeLessThan(SLEEP_S * 1_000 - 1_000);

    await Promise.all(busy);
    const after = await checkHealth();
    expect(after.db).toBe("ok");
  }, 30_000);
});
