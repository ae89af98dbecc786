import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getSql } from "@/db";
import { LockLostError, withSessionAdvisoryLock } from "@/db/queries/advisory-locks";
import { endLockHolder } from "@/lib/testing/db-lock";

// A job's lock is a session advisory lock: it lives as long as its database connection. When
// PostgreSQL closes that connection the lock is gone while the job goes on, and another
// replica can take it; the job must be able to tell.

afterAll(async () => {
  await closeDb();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("withSessionAdvisoryLock", () => {
  it("holds the lock for the work: a second caller is refused, and it is free afterwards", async () => {
    const name = `test:lock-held:${Date.now()}`;
    const outcome = await withSessionAdvisoryLock(name, async (lock) => {
      await lock.assertHeld();
      const second = await withSessionAdvisoryLock(name, async () => "ran");
      return { second, aborted: lock.signal.aborted };
    });
    expect(outcome).toEqual({
      acquired: true,
      value: { second: { acquired: false }, aborted: false },
    });
    expect(await withSessionAdvisoryLock(name, async () => "again")).toEqual({
      acquired: true,
      value: "again",
    });
  });

  it("tells the work once the lock's connection closed, and the lock can be taken again", async () => {
    const name = `test:lock-lost:${Date.now()}`;
    const outcome = await withSessionAdvisoryLock(
      name,
      async (lock) => {
        expect(await endLockHolder(name)).toBe(true);
        // The heartbeat notices without being asked...
        const t0 = Date.now();
        while (!lock.signal.aborted && Date.now() - t0 < 3_000) await sleep(20);
        const noticed = lock.signal.aborted;
        // ...and a check before a step that must not run twice refuses.
        const check = await lock.assertHeld().then(
          () => "held",
          (e: unknown) => (e instanceof LockLostError ? e.message : String(e)),
        );
        // Meanwhile another caller (another replica) can take the lock.
        const other = await withSessionAdvisoryLock(name, async () => "other ran");
        return { noticed, reason: lock.signal.reason instanceof LockLostError, check, other };
      },
      { heartbeatMs: 50 },
    );
    expect(outcome).toEqual({
      acquired: true,
      value: {
        noticed: true,
        reason: true,
        check: `Lost the lock "${name}": its database connection closed.`,
        other: { acquired: true, value: "other ran" },
      },
    });
    // The pool serves on.
    const [row] = await getSql()<{ one: number }[]>`select 1 as one`;
    expect(row.one).toBe(1);
  });
});
