import http from "node:http";

// Latency of GET /api/packages through the running portal, at a given concurrency.
// The client is plain node:http on kept-alive sockets: it shares the machine's 2 cores with
// the portal and PostgreSQL, and fetch (undici, web streams) cost ~1 ms of CPU per request —
// a quarter of a core at concurrency 16, taken from the server being measured.

export type Latency = {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
};

export function percentiles(samples: number[], errors = 0): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    n: s.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(at(1)),
    errors,
  };
}

/**
 * Reads the readable projects again after a firstAsk reset; no bench class asks it. It must be
 * a valid query: an invalid one (it was status=hidden) is refused before any catalog read, and
 * the measured search then paid for reading the readable set too.
 */
const FIRST_ASK_WARM = "/api/packages?per_page=1&status=deprecated";

/** Overall latency, and p50/p95 per query (which query makes the tail). */
export async function measureSearch(opts: {
  baseUrl: string;
  token: string;
  /** Ask as the browser does, with its session cookie, instead of with the GitLab token. */
  cookie?: string;
  queries: string[];
  concurrency: number;
  requests: number;
  /** query → class name, for per-class figures. */
  classOf?: Map<string, string>;
  /**
   * Send Cache-Control: no-cache: every page is read from the database, as if no one had
   * asked it before (the portal's page cache answers repeated questions otherwise).
   */
  fresh?: boolean;
  /**
   * Before each request, untimed: make the portal's catalog caches stale (a write to the
   * mirror, as another replica announces it), then ask one unrelated search so the caller's
   * readable projects are read again. Each measured search is then asked for the first time:
   * its name matches, counts and page all come from the database. Concurrency 1 only.
   */
  firstAsk?: () => Promise<void>;
}): Promise<
  Latency & {
    by_query: Record<string, { p50: number; p95: number }>;
    by_class?: Record<string, Latency>;
    /** Share of answers that came from the portal's page cache (X-Catalog-Cache: hit). */
    cache_hits: number;
  }
> {
  const samples: number[] = [];
  const byClass = new Map<string, number[]>();
  const byQuery = new Map<string, number[]>(opts.queries.map((q) => [q, []]));
  let errors = 0;
  let hits = 0;
  let next = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const get = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.get(
        `${opts.baseUrl}${path}`,
        {
          agent,
          headers: {
            ...(opts.cookie ? { cookie: opts.cookie } : { "PRIVATE-TOKEN": opts.token }),
            ...(opts.fresh ? { "cache-control": "no-cache" } : {}),
          },
        },
        (res) => {
          if (res.headers["x-catalog-cache"] === "hit") hits++;
          res.on("data", () => {});
          res.on("end", () => resolve(res.statusCode ?? 0));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
    });
  async function worker() {
    while (next < opts.requests) {
      const q = opts.queries[next++ % opts.queries.length];
      if (opts.firstAsk) {
        await opts.firstAsk();
        const warm = await get(FIRST_ASK_WARM);
        if (warm !== 200) throw new Error(`bench: ${FIRST_ASK_WARM} answered ${warm}`);
      }
      const t0 = performance.now();
      const status = await get(`/api/packages?${q}`);
      const ms = performance.now() - t0;
      if (status === 200) {
        samples.push(ms);
        byQuery.get(q)!.push(ms);
        const cls = opts.classOf?.get(q);
        if (cls) byClass.set(cls, [...(byClass.get(cls) ?? []), ms]);
      } else errors++;
    }
  }
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  agent.destroy();
  const by_query = Object.fromEntries(
    [...byQuery].map(([q, s]) => {
      const { p50, p95 } = percentiles(s);
      return [q, { p50, p95 }];
    }),
  );
  const by_class = opts.classOf
    ? Object.fromEntries([...byClass].map(([c, s]) => [c, percentiles(s)]))
    : undefined;
  const cache_hits = samples.length ? Math.round((100 * hits) / samples.length) / 100 : 0;
  return { ...percentiles(samples, errors), by_query, by_class, cache_hits };
}

/** Representative catalog questions: names, typos, versions, filters, sorts, folded view. */
export const SEARCH_QUERIES = [
  "q=ui-kit",
  `q=${encodeURIComponent("@platon/ui-kti")}`,
  "q=platon-cli",
  `q=${encodeURIComponent("platon-etl 1.")}`,
  "q=Platon.Common&view=packages",
  "q=commons&type=maven",
  "q=svc-0042",
  "q=scale&sort=-published",
  "type=npm&sort=name",
  "view=packages&sort=-downloaded",
  "never_downloaded=true&type=pypi",
  "group=platon%2Fbackend&sort=-size",
  "q=2.1.0",
  "status=error",
];
