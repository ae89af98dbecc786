// Fault injection for /api/v4 and /oauth (control API: POST/DELETE /-/sandbox/faults).
import { mulberry32 } from "../fixture/prng";

export interface FaultSpec {
  latency_ms?: number;
  status?: 500 | 429 | 503;
  rate?: number;
  retry_after?: number;
  path?: string;
  count?: number;
}

export interface Fault extends FaultSpec {
  id: number;
  hits: number;
}

export interface FaultDecision {
  latencyMs: number;
  status: 500 | 429 | 503 | null;
  retryAfter: number;
}

export class Faults {
  list: Fault[] = [];
  private nextId = 1;
  private rand = mulberry32(42);

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: this.nextId++, hits: 0 };
    this.list.push(fault);
    return fault;
  }

  clear() {
    this.list = [];
    this.rand = mulberry32(42);
  }

  active(): Fault[] {
    return this.list.filter((f) => f.count === undefined || f.hits < f.count);
  }

  /** Which faults hit this request; each matching fault consumes one of its `count`. */
  decide(path: string): FaultDecision {
    const d: FaultDecision = { latencyMs: 0, status: null, retryAfter: 1 };
    for (const f of this.active()) {
      if (f.path && !path.startsWith(f.path)) continue;
      const rate = f.rate ?? 1;
      if (rate < 1 && this.rand() >= rate) continue;
      f.hits++;
      d.latencyMs += f.latency_ms ?? 0;
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
  return b as FaultSpec;
}
