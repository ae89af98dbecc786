import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getSql } from "@/db";

// postgres.js queues a query behind a busy connection's active one when the pool is full
// (pipelining). Stock 3.4.9, when such a queued query's parameters could not be serialised,
// rejected the *active* query with that error and left the queued one unsent: the
// connection then waited forever, and the next answers went to the wrong queries. Ten such
// errors and every request of the portal hung. patches/postgres+*.patch fixes it; this
// proves it on the portal's own pool, saturated.

afterAll(async () => {
  await closeDb();
});

const DEADLINE_MS = 5_000;

function settle(p: Promise<unknown>): Promise<unknown> {
  return Promise.race([
    p.then(
      (value) => ({ value }),
      (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
    ),
    new Promise((resolve) => setTimeout(() => resolve("no answer"), DEADLINE_MS)),
  ]);
}

describe("the connection pool", () => {
  it("fails a query whose parameter cannot be sent alone, while every other gets its own answer", async () => {
    const sql = getSql();
    const good: Promise<unknown>[] = [];
    const bad: Promise<unknown>[] = [];
    // More than the pool's connections (at most 10), so queries queue behind busy ones.
    for (let i = 0; i < 30; i++) {
      good.push(settle(sql`select ${i}::int as n, pg_sleep(0.02)`.then(([row]) => row.n)));
      bad.push(settle(sql`select ${Symbol("not a value") as never}::text as x`));
    }
    const goodAnswers = await Promise.all(good);
    const badAnswers = await Promise.all(bad);

    expect(goodAnswers).toEqual(Array.from({ length: 30 }, (_, i) => ({ value: i })));
    expect(badAnswers).toEqual(
      Array.from({ length: 30 }, () => ({ error: "Cannot convert a Symbol value to a string" })),
    );
    // And the pool still serves, with no connection left waiting mid-query.
    expect(await settle(sql`select 1 as one`.then(([row]) => row.one))).toEqual({ value: 1 });
    // Client backends only: an autovacuum worker on this database also reads "active" and is no
    // connection of the pool (the likely cause of one failure of this check in a CI run).
    const stuck = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and state = 'active'
        and backend_type = 'client backend'`;
    expect(stuck[0].n).toBe(0);
  });
});
