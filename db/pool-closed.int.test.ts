import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getSql } from "@/db";
import { settle } from "@/lib/testing/settle";
import { CATALOG_CHANNEL, listenForCatalogChanges, packagesGeneration } from "@/db/catalog-changes";
import { requireDatabaseUrl } from "@/lib/env";

// A connection PostgreSQL closes under a transaction or a reservation (a restart, a failover,
// pg_terminate_backend, idle_in_transaction_session_timeout). Stock postgres.js 3.4.9 then
// wrote the transaction's next statement to the closed socket from a timer: an uncaught
// TypeError that ended the worker process, and a statement that never answered. Where the
// pool had meanwhile reopened that connection for other queries, the dead transaction's
// statements ran on the new session, outside any transaction, and a reservation released
// after its connection closed put a socketless connection back in the pool for good.
// patches/postgres+3.4.9.patch rejects them with CONNECTION_CLOSED instead (upstream
// porsager/postgres#1208, #1215, not released). The first four tests fail on the stock driver;
// the last two pass on both and guard what the patch must not break: the catalog's LISTEN and
// a pool whose busy connections all end at once.

const pools: postgres.Sql[] = [];

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end({ timeout: 1 })));
  await closeDb();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A pool of one connection, configured as the portal's (db/index.ts): one statement at a time. */
function onePool(): postgres.Sql {
  const sql = postgres(requireDatabaseUrl(), {
    max: 1,
    onnotice: () => {},
    max_pipeline: 1,
  } as postgres.Options<Record<string, never>>);
  pools.push(sql);
  return sql;
}

describe("a connection closed under a transaction or a reservation", () => {
  it("ends a transaction left idle past the session's bound; its late statements fail at once", async () => {
    const sql = getSql();
    const [setting] = await sql<
      { v: string }[]
    >`select current_setting('idle_in_transaction_session_timeout') as v`;
    expect(setting.v).toBe("1min");
    // The same bound, shortened for this transaction: it stalls, PostgreSQL ends the session.
    let late: Promise<unknown> = Promise.resolve();
    const outcome = await settle(
      sql.begin(async (tx) => {
        await tx`set local idle_in_transaction_session_timeout = 200`;
        await sleep(600);
        late = settle(tx`select 1 as one`);
        return late;
      }),
    );
    expect(outcome).toMatchObject({ error: expect.stringMatching(/CONNECTION_CLOSED/) });
    await sleep(700);
    expect(await late).toMatchObject({ error: expect.stringMatching(/CONNECTION_CLOSED/) });
    expect(await settle(sql`select 1 as one`.then(([row]) => row.one))).toEqual({ value: 1 });
  });

  it("never runs a dead transaction's statements on the reopened connection", async () => {
    const sql = onePool();
    const admin = getSql();
    await admin`create table if not exists pool_closed_probe (n int)`;
    await admin`truncate pool_closed_probe`;
    let pid = 0;
    let late: Promise<unknown> = Promise.resolve();
    const tx = settle(
      sql.begin(async (t) => {
        [{ pid }] = await t<{ pid: number }[]>`select pg_backend_pid() as pid`;
        await sleep(800);
        late = settle(t`insert into pool_closed_probe values (1)`);
        return late;
      }),
    );
    while (!pid) await sleep(20);
    // Queued for the pool's one connection, then the transaction's backend is ended: the
    // pool reopens that connection for this query while the transaction's callback sleeps.
    const queued = settle(sql`select 2 as two`.then(([row]) => row.two));
    await admin`select pg_terminate_backend(${pid})`;
    expect(await tx).toMatchObject({ error: expect.stringMatching(/CONNECTION_CLOSED|terminat/) });
    expect(await queued).toEqual({ value: 2 });
    await sleep(900);
    expect(await late).toMatchObject({ error: expect.stringMatching(/CONNECTION_CLOSED/) });
    const [{ n }] = await admin<{ n: number }[]>`select count(*)::int as n from pool_closed_probe`;
    expect(n).toBe(0);
    // And the one connection serves on.
    expect(await settle(sql`select 3 as three`.then(([row]) => row.three))).toEqual({ value: 3 });
    await admin`drop table pool_closed_probe`;
  });

  it("fails a reservation's statements once its connection closed, and gives the pool its connection back", async () => {
    const sql = onePool();
    const admin = getSql();
    const conn = await sql.reserve();
    const [{ pid }] = await conn<{ pid: number }[]>`select pg_backend_pid() as pid`;
    await admin`select pg_terminate_backend(${pid})`;
    await sleep(200);
    expect(await settle(conn`select 1 as one`)).toMatchObject({
      error: expect.stringMatching(/CONNECTION_CLOSED/),
    });
    conn.release();
    const answers = await Promise.all(
      [1, 2, 3].map((i) => settle(sql`select ${i}::int as n`.then(([row]) => row.n))),
    );
    expect(answers).toEqual([{ value: 1 }, { value: 2 }, { value: 3 }]);
  });

  it("answers the next query and reservation after a backend ended mid-query, with no stale error", async () => {
    const sql = onePool();
    const admin = getSql();
    const [{ pid }] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const running = settle(sql`select pg_sleep(2)`);
    await sleep(100);
    await admin`select pg_terminate_backend(${pid})`;
    expect(await running).toMatchObject({
      error: expect.stringMatching(/CONNECTION_CLOSED|terminat/),
    });
    // The reopened connection's answers are its own: the stock code failed the next request
    // with the dead session's error (57P01), and lost the connection to a failed reservation.
    expect(await settle(sql`select 1 as one`.then(([row]) => row.one))).toEqual({ value: 1 });
    const [{ pid: pid2 }] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const running2 = settle(sql`select pg_sleep(2)`);
    await sleep(100);
    await admin`select pg_terminate_backend(${pid2})`;
    await running2;
    const conn = await settle(sql.reserve());
    expect(conn).toMatchObject({ value: expect.any(Function) });
    const reserved = (conn as { value: postgres.ReservedSql }).value;
    expect(await settle(reserved`select 2 as two`.then(([row]) => row.two))).toEqual({ value: 2 });
    reserved.release();
    expect(await settle(sql`select 3 as three`.then(([row]) => row.three))).toEqual({ value: 3 });
  });

  it("keeps hearing other replicas' catalog changes after its LISTEN connection's backend ended", async () => {
    await listenForCatalogChanges();
    const admin = getSql();
    const before = packagesGeneration();
    const listeners = await admin<{ pid: number }[]>`
      select pid from pg_stat_activity
      where datname = current_database() and query ilike ${`listen%${CATALOG_CHANNEL}%`}`;
    expect(listeners.length).toBeGreaterThan(0);
    for (const { pid } of listeners) await admin`select pg_terminate_backend(${pid})`;
    // Reconnected, it re-listens and drops the caches once (notifications may have been
    // missed while it was away)...
    const until = Date.now() + 5_000;
    while (packagesGeneration() === before && Date.now() < until) await sleep(25);
    const afterReconnect = packagesGeneration();
    expect(afterReconnect).toBeGreaterThan(before);
    // ...and hears the next change another replica announces.
    await sleep(200);
    const settled = packagesGeneration();
    await admin`select pg_notify(${CATALOG_CHANNEL}, 'another-replica packages')`;
    const until2 = Date.now() + 5_000;
    while (packagesGeneration() === settled && Date.now() < until2) await sleep(25);
    expect(packagesGeneration()).toBeGreaterThan(settled);
  });

  it("under load, every busy backend of the pool ended at once (a restart): each query settles, then all answer", async () => {
    const sql = getSql();
    const inFlight = Array.from({ length: 24 }, (_, i) =>
      settle(sql`select ${i}::int as n, pg_sleep(0.3)`.then(([row]) => row.n)),
    );
    const tx = settle(sql.begin(async (t) => [await t`select pg_sleep(0.3)`, await t`select 1`]));
    await sleep(100);
    const killer = postgres(requireDatabaseUrl(), { max: 1, onnotice: () => {} });
    pools.push(killer);
    // This file's statements only (other processes of the test run share the database).
    const ended = await killer<{ n: number }[]>`
      select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query like '%pg_sleep(0.3)%'
          and pid <> pg_backend_pid()) t`;
    expect(ended[0].n).toBeGreaterThanOrEqual(3);
    const outcomes = await Promise.all([...inFlight, tx]);
    // Each answered or failed; none was left waiting.
    expect(outcomes.filter((o) => o === "no answer")).toEqual([]);
    const after = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        settle(sql`select ${i}::int as n`.then(([row]) => row.n)),
      ),
    );
    expect(after).toEqual(Array.from({ length: 24 }, (_, i) => ({ value: i })));
  });
});
