// Fault injection for /api/v4 and /oauth (control API: POST/DELETE /-/sandbox/faults).
import { mulberry32 } from "../fixture/prng";

export interface FaultSpec {
  latency_ms?: number;
  status?: 500 | 429 | 503;
  rate?: number;
  retry_after?: number;
  path?: string;
  count?: number;
  /** Accept the request and never answer (until the fault is cleared or the sandbox closes). */
  hang?: boolean;
  /** GitLab's per-endpoint limiter (Gitlab::ApplicationRateLimiter): a fixed window. */
  rate_limit?: { per_minute: number; window_seconds?: number };
  /**
   * Once a matching request has been answered, delete this package as `DELETE
   * /projects/:id/packages/:package_id` would (→ pending_destruction) — a delete landing between
   * two page requests of a walk. Fires `count` times (default once).
   */
  delete_package?: number;
}

export interface Fault extends FaultSpec {
  id: number;
  hits: number;
  /** rate_limit: requests counted in the current window, and which window that is. */
  window?: { key: number; count: number };
}

export interface FaultDecision {
  latencyMs: number;
  status: 500 | 429 | 503 | null;
  retryAfter: number;
  hang: boolean;
  /** Set when a rate_limit fault throttles this request. */
  throttled: { limit: number; observed: number; resetAt: number } | null;
  /** Packages to delete once this request has been answered (delete_package faults). */
  deletePackages: number[];
}

export class Faults {
  list: Fault[] = [];
  private nextId = 1;
  private rand = mulberry32(42);

  add(spec: FaultSpec): Fault {
    const fault: Fault = {
      ...spec,
      ...(spec.delete_package !== undefined && spec.count === undefined ? { count: 1 } : {}),
      id: this.nextId++,
      hits: 0,
    };
    this.list.push(fault);
    return fault;
  }

  private releases: Array<() => void> = [];

  clear() {
    this.list = [];
    this.rand = mulberry32(42);
    for (const release of this.releases.splice(0)) release();
  }

  /** Resolves when the faults are cleared (a hung request then proceeds normally). */
  untilCleared(): Promise<void> {
    return new Promise((resolve) => this.releases.push(resolve));
  }

  active(): Fault[] {
    return this.list.filter((f) => f.count === undefined || f.hits < f.count);
  }

  /** Which faults hit this request; each matching fault consumes one of its `count`. */
  decide(path: string): FaultDecision {
    const d: FaultDecision = {
      latencyMs: 0,
      status: null,
      retryAfter: 1,
      hang: false,
      throttled: null,
      deletePackages: [],
    };
    for (const f of this.active()) {
      if (f.path && !path.startsWith(f.path)) continue;
      if (f.rate_limit) {
        // Fixed window keyed on epoch time / period, as GitLab's limiter; every request counts.
        const period = (f.rate_limit.window_seconds ?? 60) * 1000;
        const key = Math.floor(Date.now() / period);
        if (!f.window || f.window.key !== key) f.window = { key, count: 0 };
        f.window.count++;
        if (f.window.count > f.rate_limit.per_minute && !d.throttled) {
          f.hits++;
          d.throttled = {
            limit: f.rate_limit.per_minute,
            observed: f.window.count,
            resetAt: Math.ceil(((key + 1) * period) / 1000),
          };
        }
        continue;
      }
      const rate = f.rate ?? 1;
      if (rate < 1 && this.rand() >= rate) continue;
      f.hits++;
      if (f.delete_package !== undefined) d.deletePackages.push(f.delete_package);
      d.latencyMs += f.latency_ms ?? 0;
      if (f.hang) d.hang = true;
      if (f.status && d.status === null) {
        d.status = f.status;
        d.retryAfter = f.retry_after ?? 1;
      }
    }
    return d;
  }
}

export function validateFault(body: unknown): FaultSpec | string {
  if (!body || typeof body !== "object") return "body must be a JSON object";
  const b = body as Record<string, unknown>;
  const num = (k: string) =>
    b[k] === undefined || (typeof b[k] === "number" && (b[k] as number) >= 0);
  for (const k of ["latency_ms", "rate", "retry_after", "count"])
    if (!num(k)) return `${k} must be a number >= 0`;
  if (b.rate !== undefined && (b.rate as number) > 1) return "rate must be between 0 and 1";
  if (b.status !== undefined && ![500, 429, 503].includes(b.status as number))
    return "status must be 500, 429 or 503";
  if (b.path !== undefined && typeof b.path !== "string") return "path must be a string";
  if (b.hang !== undefined && typeof b.hang !== "boolean") return "hang must be a boolean";
  if (
    b.delete_package !== undefined &&
    (typeof b.delete_package !== "number" ||
      !Number.isInteger(b.delete_package) ||
      b.delete_package <= 0)
  )
    return "delete_package must be a package id (integer > 0)";
  if (b.rate_limit !== undefined) {
    const r = b.rate_limit as Record<string, unknown> | null;
    if (!r || typeof r !== "object") return "rate_limit must be an object";
    if (typeof r.per_minute !== "number" || !Number.isInteger(r.per_minute) || r.per_minute < 0)
      return "rate_limit.per_minute must be an integer >= 0";
    if (
      r.window_seconds !== undefined &&
      (typeof r.window_seconds !== "number" || r.window_seconds <= 0)
    )
      return "rate_limit.window_seconds must be a number > 0";
  }
  return b as FaultSpec;
}
