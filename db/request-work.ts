import { AsyncLocalStorage } from "node:async_hooks";

// The database statements a request has started, so that a request given up at its bound
// (lib/bounded.ts, withinRequest) takes its statements with it. Without this, a statement
// waiting on a locked table kept its pooled connection after the request had answered 503;
// a handful of them held the whole pool, and every other page (or the health check's
// `select 1`) waited too, until the lock went.
//
// db/index.ts hands every query to trackQuery as the pool takes it (a postgres.js patch adds
// the hook: patches/postgres+3.4.9.patch). Only queries a connection was given are seen:
// fragments composed into a statement never are.
//
// Reads that several requests wait on (a cache being filled) are shared work (SharedFlights):
// cancelled once every request waiting on it has been given up, never while one still waits.
// Work that writes or outlives a request (a token or membership refresh, the LISTEN setup)
// runs outside any request (outsideRequestWork) and is never cancelled with one.

/** What postgres.js's Query offers: a promise of its rows, and cancel(). */
type Statement = PromiseLike<unknown> & { cancel(): unknown };

class Work {
  private running = new Set<Statement>();
  private abandoned = false;
  /** Shared work this work waits on: told when this work is given up. */
  readonly waitsOn = new Set<SharedWork>();

  get givenUp(): boolean {
    return this.abandoned;
  }

  track(statement: Statement): void {
    // Statements the work starts after it was given up (a rollback, say) run as usual: the
    // work is already unwinding on the cancelled statement's error.
    if (this.abandoned) return;
    this.running.add(statement);
    const done = () => void this.running.delete(statement);
    statement.then(done, done);
  }

  /**
   * Cancels every statement still running or queued: postgres.js takes a queued one out of
   * its queue, and asks PostgreSQL to cancel one it has sent (error 57014 in the work).
   */
  abandon(): void {
    if (this.abandoned) return;
    this.abandoned = true;
    for (const statement of this.running) statement.cancel();
    this.running.clear();
    for (const shared of this.waitsOn) shared.leave(this);
    this.waitsOn.clear();
  }
}

class SharedWork extends Work {
  private waiting = new Set<Work>();
  /** Waited on by work outside any request, which is never given up. */
  private heldOutside = false;

  join(waiter: Work | undefined): void {
    if (this.givenUp) return;
    if (!waiter) this.heldOutside = true;
    else if (!waiter.givenUp) {
      this.waiting.add(waiter);
      waiter.waitsOn.add(this);
    }
  }

  leave(waiter: Work): void {
    this.waiting.delete(waiter);
    if (this.waiting.size === 0 && !this.heldOutside) this.abandon();
  }

  /** Finished: its waiters no longer wait on it. */
  settle(): void {
    for (const waiter of this.waiting) waiter.waitsOn.delete(this);
    this.waiting.clear();
  }
}

const store = new AsyncLocalStorage<Work>();

/** The postgres.js `onquery` hook: remembers the statement for the work running it. */
export function trackQuery(statement: Statement): void {
  store.getStore()?.track(statement);
}

/** Runs `work` as one request's work; `abandon` cancels the statements it still runs. */
export function startRequestWork<T>(work: () => Promise<T>): {
  result: Promise<T>;
  abandon: () => void;
} {
  const requestWork = new Work();
  return { result: store.run(requestWork, work), abandon: () => requestWork.abandon() };
}

/**
 * Runs `work` as no request's work: its statements are never cancelled with a request. For
 * work that writes, or that other requests and later ones rely on.
 */
export function outsideRequestWork<T>(work: () => T): T {
  return store.exit(work);
}

/**
 * One computation in flight per key, shared by every caller asking for the key meanwhile
 * (single flight). Its statements are cancelled once every request waiting on it has been
 * given up; callers outside any request keep it going.
 */
export class SharedFlights<V> {
  private flights = new Map<string, { result: Promise<V>; shared: SharedWork }>();

  has(key: string): boolean {
    return this.flights.has(key);
  }

  /**
   * The computation in flight for `key`, or `start()` started for it. `wait: false` (a
   * background refresh nobody waits for) starts it without joining it.
   */
  run(key: string, start: () => Promise<V>, opts: { wait?: boolean } = {}): Promise<V> {
    let flight = this.flights.get(key);
    // One whose waiters were all given up is being cancelled: a new caller starts afresh.
    if (!flight || flight.shared.givenUp) {
      const shared = new SharedWork();
      const result = store.run(shared, start).finally(() => {
        shared.settle();
        if (this.flights.get(key) === flight) this.flights.delete(key);
      });
      flight = { result, shared };
      this.flights.set(key, flight);
    }
    if (opts.wait !== false) flight.shared.join(store.getStore());
    return flight.result;
  }
}
