import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { bumpCatalogGeneration } from "../catalog-changes";
import { TtlCache } from "./catalog-cache";

describe("TtlCache", () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  const counter = () => {
    let n = 0;
    return vi.fn(async () => ++n);
  };

  it("computes once, then answers from the cache until the TTL", async () => {
    const cache = new TtlCache<number>(1000);
    const compute = counter();
    expect(await cache.getOrCompute("k", compute)).toBe(1);
    vi.advanceTimersByTime(999);
    expect(await cache.getOrCompute("k", compute)).toBe(1);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it("after the TTL, a strict cache waits for a fresh value", async () => {
    const cache = new TtlCache<number>(1000);
    const compute = counter();
    await cache.getOrCompute("k", compute);
    vi.advanceTimersByTime(1001);
    expect(await cache.getOrCompute("k", compute)).toBe(2);
  });

  it("after the TTL, serveStale answers the old value once and refreshes in the background", async () => {
    const cache = new TtlCache<number>(1000, { serveStale: true });
    const compute = counter();
    await cache.getOrCompute("k", compute);
    vi.advanceTimersByTime(1001);
    const [a, b] = await Promise.all([
      cache.getOrCompute("k", compute),
      cache.getOrCompute("k", compute),
    ]);
    expect([a, b]).toEqual([1, 1]);
    expect(compute).toHaveBeenCalledTimes(2); // one refresh for both
    expect(await cache.getOrCompute("k", compute)).toBe(2);
  });

  it("serveStale stops serving an entry older than four TTLs", async () => {
    const cache = new TtlCache<number>(1000, { serveStale: true });
    const compute = counter();
    await cache.getOrCompute("k", compute);
    vi.advanceTimersByTime(4001);
    expect(await cache.getOrCompute("k", compute)).toBe(2);
  });

  it("answersAtOnce says whether getOrCompute would answer without waiting for a computation", async () => {
    // [serveStale, ms after the value was cached, catalog changed since]
    const cases: Array<[boolean, number, boolean]> = [
      [false, 0, false],
      [false, 1000, false],
      [false, 1001, false],
      [true, 1001, false],
      [true, 4000, false],
      [true, 4001, false],
      [true, 0, true],
      [false, 0, true],
    ];
    const said: boolean[] = [];
    const waited: boolean[] = [];
    for (const [serveStale, after, changed] of cases) {
      const cache = new TtlCache<number>(1000, { serveStale });
      await cache.getOrCompute("k", counter());
      vi.advanceTimersByTime(after);
      if (changed) bumpCatalogGeneration();
      said.push(cache.answersAtOnce("k"));
      // Answered at once: the cached value, whatever refresh it started in the background.
      waited.push((await cache.getOrCompute("k", async () => 2)) !== 1);
      expect(cache.answersAtOnce("other")).toBe(false);
    }
    expect(said).toEqual([true, true, false, true, true, false, false, false]);
    expect(said).toEqual(waited.map((w) => !w));
  });

  it("a catalog change recomputes before answering, even with serveStale", async () => {
    const cache = new TtlCache<number>(1000, { serveStale: true });
    const compute = counter();
    await cache.getOrCompute("k", compute);
    bumpCatalogGeneration();
    expect(await cache.getOrCompute("k", compute)).toBe(2);
  });

  it("drops a value computed across a catalog change", async () => {
    const cache = new TtlCache<number>(1000);
    let release!: () => void;
    const slow = vi.fn(() => new Promise<number>((r) => (release = () => r(7))));
    const pending = cache.getOrCompute("k", slow);
    bumpCatalogGeneration();
    release();
    expect(await pending).toBe(7);
    expect(await cache.getOrCompute("k", async () => 8)).toBe(8);
  });

  it("when full, drops the entry written longest ago and keeps the rest", async () => {
    const cache = new TtlCache<string>(1000, { maxEntries: 3 });
    for (const k of ["a", "b", "c", "d"]) await cache.getOrCompute(k, async () => k);
    const again = vi.fn(async () => "again");
    expect(await cache.getOrCompute("b", again)).toBe("b");
    expect(await cache.getOrCompute("c", again)).toBe("c");
    expect(await cache.getOrCompute("d", again)).toBe("d");
    expect(again).not.toHaveBeenCalled();
    expect(await cache.getOrCompute("a", again)).toBe("again");
  });
});
