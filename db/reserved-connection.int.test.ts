import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getSql } from "@/db";
import { startRequestWork, withReservedConnection } from "@/db/request-work";
import { env } from "@/lib/env";

// Statements in sequence on one reserved connection (db/request-work.ts): the folded catalog
// walk and its fold, which under load each queued for a connection again behind other
// requests' statements.

afterAll(async () => {
  await closeDb();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every connection of the pool busy for `seconds`, outside any request. */
function fillPool(seconds: number, extra = 0): Promise<unknown> {
  const sql = getSql();
  return Promise.all(
    Array.from({ length: env().databasePoolMax + extra }, () => sql`select pg_sleep(${seconds})`),
  );
}

/** Resolves with how long `select 1` took on the pool (all of it, at once). */
async function poolAnswers(): Promise<number> {
  const sql = getSql();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: env().databasePoolMax }, () => sql`select 1`));
  return performance.now() - t0;
}

describe("withReservedConnection", () => {
  it("runs the work's statements on one connection, ahead of statements queued meanwhile", async () => {
    const sql = getSql();
    const pids: number[] = [];
    let secondMs = Infinity;
    let others: Promise<unknown> = Promise.resolve();
    await withReservedConnection(sql, async (conn) => {
      pids.push((await conn<{ pid: number }[]>`select pg_backend_pid() as pid`)[0].pid);
      // Meanwhile the other connections fill up and more statements queue for them.
      others = fillPool(0.4, 4);
      await pause(50);
      const t0 = performance.now();
      pids.push((await conn<{ pid: number }[]>`select pg_backend_pid() as pid`)[0].pid);
      secondMs = performance.now() - t0;
    });
    expect(new Set(pids).size).toBe(1);
    // Not behind the queue (a pooled statement here waited for a 0.4 s sleep to end).
    expect(secondMs).toBeLessThan(200);
    await others;
    // Released: every connection answers again.
    expect(await poolAnswers()).toBeLessThan(2_000);
  });

  it("releases the connection when the work throws", async () => {
    await expect(
      withReservedConnection(getSql(), async (conn) => {
        await conn`select 1`;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await poolAnswers()).toBeLessThan(2_000);
  });

  it("a request given up while it waits for the connection never runs its work, and frees it", async () => {
    const busy = fillPool(0.6);
    await pause(50);
    let ran = false;
    const request = startRequestWork(() =>
      withReservedConnection(getSql(), async (conn) => {
        ran = true;
        await conn`select 1`;
      }),
    );
    request.result.catch(() => {});
    await pause(100);
    request.abandon();
    await busy;
    await expect(request.result).rejects.toThrow("given up");
    expect(ran).toBe(false);
    expect(await poolAnswers()).toBeLessThan(2_000);
  });
});
