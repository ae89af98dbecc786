// Small in-process caches for the catalog's read side. Each user's readable project set is
// keyed by the user; counts and pages of rows by the exact set of projects searched (so two
// users share an entry only when they search exactly the same projects); name matches by
// nothing about the caller at all — they are only ever a filter joined with the caller's
// readable packages.
//
// Entries expire after their TTL and are dropped whenever their generation moves
// (db/catalog-changes.ts): after a write to the mirror, in this process or another one.

import { catalogGeneration } from "../catalog-changes";
import { SharedFlights } from "../request-work";

const TTL_MS = 30_000;
const MAX_ENTRIES = 2000;

type CacheOptions = {
  serveStale?: boolean;
  /** Past this many entries the oldest entry makes room (bounds its memory). */
  maxEntries?: number;
  /**
   * The generation entries are tagged with (db/catalog-changes.ts): catalogGeneration by
   * default; packagesGeneration for entries keyed by a project set, which memberships never
   * change.
   */
  generation?: () => number;
};

export class TtlCache<V> {
  private map = new Map<string, { value: V; at: number; gen: number }>();
  /**
   * `serveStale`: once an entry is older than the TTL (but the catalog has not changed), answer with it while one background query refreshes it — so the requests
   * arriving at that moment don't all wait for an expensive recount. A generation change
   * always recomputes before answering. Only for data that is not a permission decision.
   */
  constructor(
    private ttlMs = TTL_MS,
    private opts: CacheOptions = {},
  ) {}

  private gen(): number {
    return (this.opts.generation ?? catalogGeneration)();
  }

  private set(key: string, value: V, gen: number): void {
    if (gen !== this.gen()) return; // the catalog changed while this was computed
    // Full: the entry written longest ago goes (a Map iterates in insertion order).
    this.map.delete(key);
    if (this.map.size >= (this.opts.maxEntries ?? MAX_ENTRIES))
      this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, { value, at: Date.now(), gen });
  }

  /** Whether getOrCompute would answer key at once, from this cache (fresh, or stale but served). */
  answersAtOnce(key: string): boolean {
    const hit = this.map.get(key);
    if (!hit || hit.gen !== this.gen()) return false;
    const age = Date.now() - hit.at;
    return age <= this.ttlMs || (Boolean(this.opts.serveStale) && age <= 4 * this.ttlMs);
  }

  /** The value for key, computing it (once per concurrent burst) when missing. */
  async getOrCompute(key: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.map.get(key);
    if (hit && hit.gen === this.gen()) {
      const age = Date.now() - hit.at;
      if (age <= this.ttlMs) return hit.value;
      // Stale but of this generation: answer with it while one background query refreshes it
      // (bounded: if refreshing keeps failing, after 4 TTLs callers wait for a fresh value).
      if (this.opts.serveStale && age <= 4 * this.ttlMs) {
        if (!this.flights.has(key)) void this.compute(key, compute, false).catch(() => {});
        return hit.value;
      }
    }
    return this.compute(key, compute);
  }

  // Single flight; a computation is cancelled only once every request waiting on it has been
  // given up at its bound (db/request-work.ts).
  private compute(key: string, compute: () => Promise<V>, wait = true): Promise<V> {
    return this.flights.run(
      key,
      () => {
        const gen = this.gen();
        return compute().then((v) => {
          this.set(key, v, gen);
          return v;
        });
      },
      { wait },
    );
  }

  private flights = new SharedFlights<V>();
}
