import postgres from "postgres";
import { requireDatabaseUrl } from "@/lib/env";

/**
 * Runs `take` in a transaction of another client and keeps that transaction open (with the
 * locks `take` took) until the returned release is called; release resolves once it ended.
 */
async function holdInTransaction(
  take: (tx: postgres.TransactionSql) => Promise<unknown>,
): Promise<() => Promise<void>> {
  const other = postgres(requireDatabaseUrl(), { max: 1, onnotice: () => {} });
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let taken!: () => void;
  const isTaken = new Promise<void>((r) => (taken = r));
  const holder = other.begin(async (tx) => {
    await take(tx);
    taken();
    await released;
  });
  await Promise.race([isTaken, holder]);
  return async () => {
    release();
    await holder;
    await other.end();
  };
}

/**
 * Holds ACCESS EXCLUSIVE on `table` from another client — what an ALTER or a VACUUM FULL
 * takes — until the returned release is called (it resolves once the lock is gone).
 */
export const holdTableLock = (table: "packages" | "users" | "user_project_access") =>
  holdInTransaction((tx) => tx`lock table ${tx(table)} in access exclusive mode`);

/**
 * Holds the transaction-level advisory lock (`namespace`, `key`) from another client, as
 * another replica's refresh would, until the returned release is called.
 */
export const holdAdvisoryLock = (namespace: number, key: number) =>
  holdInTransaction((tx) => tx`select pg_advisory_xact_lock(${namespace}::int, ${key}::int)`);

/**
 * How many statements of this database wait for a lock (the lock's holder does not), polled
 * for up to `ms` until `settled(count)`: the last count read.
 */
export async function lockWaiters(
  settled: (count: number) => boolean,
  ms = 2_000,
): Promise<number> {
  const observer = postgres(requireDatabaseUrl(), { max: 1, onnotice: () => {} });
  try {
    const until = Date.now() + ms;
    for (;;) {
      const [r] = await observer<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`;
      if (settled(r.n) || Date.now() > until) return r.n;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await observer.end();
  }
}

/**
 * Ends, from another client, the session holding the session advisory lock `name` (as taken
 * by db/queries/advisory-locks.ts: `pg_try_advisory_lock(hashtext(name))`) — what a
 * PostgreSQL restart or an administrator's pg_terminate_backend does to it. Whether one did.
 */
export async function endLockHolder(name: string): Promise<boolean> {
  const other = postgres(requireDatabaseUrl(), { max: 1, onnotice: () => {} });
  try {
    const [r] = await other<{ ended: boolean | null }[]>`
      select bool_or(pg_terminate_backend(l.pid)) as ended from pg_locks l
      where l.locktype = 'advisory' and l.granted and l.objsubid = 1
        and ((l.classid::bigint << 32) | l.objid::bigint) = hashtext(${name})::bigint`;
    return r.ended === true;
  } finally {
    await other.end();
  }
}
