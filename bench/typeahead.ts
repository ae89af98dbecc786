import http from "node:http";
import { percentiles, type Latency } from "./search-load";

// Type-ahead as the catalog's search box does it (components/catalog/catalog-client.tsx):
// a keystroke every `keyMs`, the query sent `debounceMs` after the last one, an in-flight
// request for superseded text aborted. Settle time = last keystroke → final results received.

export async function measureTypeahead(opts: {
  baseUrl: string;
  cookie: string;
  names: string[];
  keyMs?: number;
  debounceMs?: number;
  view?: string;
}): Promise<Latency & { aborted: number; stale_overwrites: number }> {
  const keyMs = opts.keyMs ?? 90;
  const debounceMs = opts.debounceMs ?? 150;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
  const settles: number[] = [];
  let aborted = 0;
  let staleOverwrites = 0;
  for (const name of opts.names) {
    let inflight: http.ClientRequest | undefined;
    let timer: NodeJS.Timeout | undefined;
    let shown = "";
    let lastKey = 0;
    let done: (() => void) | undefined;
    const finished = new Promise<void>((r) => (done = r));
    const send = (text: string) => {
      if (inflight) {
        inflight.destroy();
        aborted++;
      }
      const q = `/api/packages?q=${encodeURIComponent(text)}&view=${opts.view ?? "packages"}`;
      const req = http.get(`${opts.baseUrl}${q}`, { agent, headers: { cookie: opts.cookie } });
      inflight = req;
      req.on("response", (res) => {
        res.on("data", () => {});
        res.on("end", () => {
          if (inflight !== req) return; // superseded: dropped, like React Query's other key
          inflight = undefined;
          if (text.length < shown.length) staleOverwrites++;
          shown = text;
          if (text === name) {
            settles.push(performance.now() - lastKey);
            done?.();
          }
        });
      });
      req.on("error", () => {});
    };
    for (let i = 1; i <= name.length; i++) {
      const text = name.slice(0, i);
      lastKey = performance.now();
      clearTimeout(timer);
      timer = setTimeout(() => send(text), debounceMs);
      if (i < name.length) await new Promise((r) => setTimeout(r, keyMs));
    }
    await finished;
  }
  agent.destroy();
  return { ...percentiles(settles), aborted, stale_overwrites: staleOverwrites };
}
