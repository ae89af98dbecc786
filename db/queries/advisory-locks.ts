import { getSql } from "@/db";

// Session-level advisory locks need the same connection for lock and unlock, so the work
// runs while one pooled connection is reserved. Any replica may be called; one works.
//
// The lock lives as long as that connection: if PostgreSQL closes it (a restart, a failover,
// an administrator ending the backend), the lock is gone while the work goes on, and another
// replica may take it and start the same job. The work is handed a HeldLock to find out:
// `assertHeld()` asks the lock's own connection (one round trip) before anything that must
// not run twice (a retention deletion, the mirror's removals), and a heartbeat every few
// seconds aborts `signal` once that connection is found closed.

export class LockLostError extends Error {
  constructor(name: string) {
    super(`Lost the lock "${name}": its database connection closed.`);
    this.name = "LockLostError";
  }
}

export type HeldLock = {
  /** Aborted (with a LockLostError) once the lock's connection is found closed. */
  readonly signal: AbortSignal;
  /** Resolves while this session still holds the lock; rejects with LockLostError if not. */
  assertHeld(): Promise<void>;
};

/** How long the lock's connection may take to answer a check before the lock counts as lost. */
const CHECK_TIMEOUT_MS = 10_000;

/**
 * The query's answer, or a rejection once `CHECK_TIMEOUT_MS` passed. Written here rather than
 * lib/bounded's `within`: db/ imports nothing from lib/ but configuration (docs/architecture.md).
 */
async function inTime<T>(query: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error("The database did not answer in time.")),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([query, late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function withSessionAdvisoryLock<T>(
  name: string,
  work: (lock: HeldLock) => Promise<T>,
  opts: { heartbeatMs?: number } = {},
): Promise<{ acquired: true; value: T } | { acquired: false }> {
  const conn = await getSql().reserve();
  try {
    const [row] = await conn<
      { ok: boolean }[]
    >`select pg_try_advisory_lock(hashtext(${name})) as ok`;
    if (!row.ok) return { acquired: false };
    const lost = new AbortController();
    const assertHeld = async () => {
      lost.signal.throwIfAborted();
      try {
        await inTime(conn`select 1`);
      } catch {
        // Closed (postgres.js answers CONNECTION_CLOSED) or not answering: either way this
        // session cannot be shown to hold the lock any more.
        if (!lost.signal.aborted) lost.abort(new LockLostError(name));
        throw lost.signal.reason;
      }
    };
    let checking = false;
    const heartbeat = setInterval(() => {
      if (checking || lost.signal.aborted) return;
      checking = true;
      assertHeld()
        .catch(() => {})
        .finally(() => (checking = false));
    }, opts.heartbeatMs ?? 5_000);
    heartbeat.unref();
    try {
      return { acquired: true, value: await work({ signal: lost.signal, assertHeld }) };
    } finally {
      clearInterval(heartbeat);
      // Unlocked even when counted lost: a check that timed out may have met a slow, live
      // session still holding it. A closed one fails at once (the lock went with it).
      await inTime(conn`select pg_advisory_unlock(hashtext(${name}))`).catch((e: unknown) => {
        if (!lost.signal.aborted) console.error(`[jobs] could not release the lock "${name}"`, e);
      });
    }
  } finally {
    conn.release();
  }
}
