// Small in-process caches for the catalog's read side. Nothing here holds a package row:
// only counts keyed by the exact set of projects the caller may read (so two users share an
// entry only when they may read exactly the same projects), and name matches, which are
// only ever used as a filter joined with the caller's readable packages.
//
// Entries expire after TTL_MS and are dropped whenever the catalog generation moves
// (db/catalog-changes.ts): after any write to the mirror, in this process or another one.

import { catalogGeneration } from "../catalog-changes";

const TTL_MS = 30_000;
const MAX_ENTRIES = 2000;

export class TtlCache<V> {
  private map = new Map<string, { value: V; at: number; gen: number }>();
  /**
   * `serveStale`: once an entry is older than the TTL (but the catalog has not changed), answer with it while one background query refreshes it — so the requests
   * arriving at that moment don't all wait for an expensive recount. A generation change
   * always recomputes before answering. Only for data that is not a permission decision.
   */
  constructor(
    private ttlMs = TTL_MS,
    private opts: { serveStale?: boolean } = {},
  ) {}

  private set(key: string, value: V, gen: number): void {
    if (gen !== catalogGeneration()) return; // the catalog changed while this was computed
    if (this.map.size >= MAX_ENTRIES) this.map.clear();
    this.map.set(key, { value, at: Date.now(), gen });
  }

  /** The value for key, computing it (once per concurrent burst) when missing. */
  async getOrCompute(key: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.map.get(key);
    if (hit && hit.gen === catalogGeneration()) {
      const age = Date.now() - hit.at;
      if (age <= this.ttlMs) return hit.value;
      // Stale but of this generation: answer with it while one background query refreshes it
      // (bounded: if refreshing keeps failing, after 4 TTLs callers wait for a fresh value).
      if (this.opts.serveStale && age <= 4 * this.ttlMs) {
        if (!this.inflight.has(key)) void this.compute(key, compute).catch(() => {});
        return hit.value;
      }
    }
    return this.compute(key, compute);
  }

  private compute(key: string, compute: () => Promise<V>): Promise<V> {
    let pending = this.inflight.get(key);
    if (!pending) {
      const gen = catalogGeneration();
      pending = compute()
        .then((v) => {
          this.set(key, v, gen);
          return v;
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private inflight = new Map<string, Promise<V>>();
}
