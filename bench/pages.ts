import http from "node:http";
import { percentiles } from "./search-load";

// Full-page render time: from request to the last byte of the streamed HTML, signed in with a
// real session cookie (bench/session.ts), for each main page of the portal.

export function getFull(url: string, headers: Record<string, string>, agent?: http.Agent) {
  return new Promise<{ status: number; ms: number; bytes: number }>((resolve, reject) => {
    const t0 = performance.now();
    let bytes = 0;
    const req = http.get(url, { headers, agent }, (res) => {
      res.on("data", (c: Buffer) => (bytes += c.length));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, bytes }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

export type PageTiming = { p50: number; p95: number; max: number; n: number; status: number };

/** `runs` sequential loads of every page; the first load of each is reported on its own. */
export async function measurePages(opts: {
  baseUrl: string;
  cookie: string;
  pages: Record<string, string>;
  runs: number;
}): Promise<Record<string, PageTiming & { first_ms: number }>> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const out: Record<string, PageTiming & { first_ms: number }> = {};
  for (const [name, path] of Object.entries(opts.pages)) {
    const samples: number[] = [];
    let status = 0;
    let first = NaN;
    for (let i = 0; i < opts.runs; i++) {
      const r = await getFull(`${opts.baseUrl}${path}`, { cookie: opts.cookie }, agent);
      status = r.status;
      if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
      if (i === 0) first = Math.round(r.ms * 10) / 10;
      else samples.push(r.ms);
    }
    const { p50, p95, max, n } = percentiles(samples);
    out[name] = { first_ms: first, p50, p95, max, n, status };
  }
  agent.destroy();
  return out;
}
