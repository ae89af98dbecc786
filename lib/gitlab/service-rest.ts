import { GitbeakerRequestError } from "@gitbeaker/requester-utils";
import { env } from "@/lib/env";
import { DEFAULT_RETRY, makeRequestHandler, retryDelayMs, type RetryPolicy } from "./requester";

// Catalog sync needs what gitbeaker hides: one page at a time, the pagination headers, and
// GitLab's RateLimit-* / Retry-After headers. This is a thin GET over the shared request
// handler (same error type, so toAppError/gitlabStatus work) whose retries live here, so a
// 429 or a low RateLimit-Remaining pauses *every* concurrent worker, not just the one request.

export type PageResult<T> = { items: T[]; nextPage: number | null; totalPages: number | null };

type Raw = { body: unknown; headers: Record<string, string>; status: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RETRYABLE = new Set([429, 500, 502, 503, 504]);
/** At most this many rate-limit windows waited out per request (~30 min at GitLab's 1/min). */
const MAX_THROTTLED_WAITS = 30;

/** Shared pacing: when GitLab says we are close to the limit, everyone waits. */
export class RateGovernor {
  private pauseUntil = 0;
  waits = 0;
  /** Set while a GitLab rate limit (429) is being waited out: when the window ends. */
  throttledUntil: number | null = null;

  /** The instant every worker is held until, or null when nobody waits. */
  waitingUntil(): Date | null {
    return this.pauseUntil > Date.now() ? new Date(this.pauseUntil) : null;
  }

  async ready(): Promise<void> {
    const ms = this.pauseUntil - Date.now();
    if (ms > 0) {
      this.waits++;
      await sleep(ms);
    }
  }

  pause(ms: number): void {
    this.pauseUntil = Math.max(this.pauseUntil, Date.now() + ms);
  }

  observe(headers: Record<string, string> | Headers): void {
    const get = (k: string) => (headers instanceof Headers ? headers.get(k) : headers[k]) ?? null;
    const remaining = Number(get("ratelimit-remaining"));
    const limit = Number(get("ratelimit-limit"));
    if (!get("ratelimit-remaining") || !Number.isFinite(remaining)) return;
    // Keep a reserve (5% of the limit, at least 5) for people using GitLab at the same time.
    const reserve = Math.max(5, Number.isFinite(limit) ? limit * 0.05 : 0);
    if (remaining > reserve) return;
    const reset = Number(get("ratelimit-reset"));
    const untilReset = Number.isFinite(reset) && reset > 0 ? reset * 1000 - Date.now() : 1000;
    this.pause(Math.min(Math.max(untilReset, 250), 60_000));
  }
}

export type ServiceRest = {
  get<T>(path: string, params?: Record<string, string | number | boolean>): Promise<PageResult<T>>;
  governor: RateGovernor;
  /** GitLab's base URL (no /api/v4). */
  baseUrl: string;
};

export function serviceRest(
  opts: { retry?: RetryPolicy; token?: string; baseUrl?: string } = {},
): ServiceRest {
  const policy = opts.retry ?? DEFAULT_RETRY;
  const token = opts.token ?? env().serviceToken;
  const once = makeRequestHandler({ ...policy, attempts: 1 }, 30_000, {
    deadline: false, // a sync is a job, not a request: its own retries and budget apply
  });
  const governor = new RateGovernor();
  const baseUrl = opts.baseUrl ?? env().gitlabUrl;
  const prefixUrl = `${baseUrl}/api/v4/`;

  async function get<T>(path: string, params: Record<string, string | number | boolean> = {}) {
    const searchParams = new URLSearchParams(
      Object.entries(params).map(([k, v]) => [k, String(v)]),
    ).toString();
    let throttledWaits = 0;
    for (let attempt = 0; ; attempt++) {
      await governor.ready();
      try {
        const res = (await once(path, {
          prefixUrl,
          searchParams,
          headers: { "PRIVATE-TOKEN": token },
        })) as Raw;
        governor.observe(res.headers);
        const next = res.headers["x-next-page"];
        const total = res.headers["x-total-pages"];
        return {
          items: (Array.isArray(res.body) ? res.body : [res.body]) as T[],
          nextPage: next ? Number(next) : null,
          totalPages: total ? Number(total) : null,
        };
      } catch (e) {
        const response =
          e instanceof GitbeakerRequestError
            ? (e.cause as { response?: Response })?.response
            : undefined;
        const retryable = response
          ? RETRYABLE.has(response.status)
          : e instanceof TypeError || isTimeout(e);
        // GitLab's per-endpoint limits answer 429 with no Retry-After over a one-minute window:
        // wait for the window (RateLimit-Reset, else a minute) and do not count it as a failed
        // attempt — a sync under a limit converges slower, it does not fail. Bounded all the same.
        if (response?.status === 429 && throttledWaits < MAX_THROTTLED_WAITS) {
          throttledWaits++;
          attempt--;
          governor.observe(response.headers);
          const reset = Number(response.headers.get("ratelimit-reset"));
          const untilReset = reset > 0 ? reset * 1000 - Date.now() : 60_000;
          governor.pause(Math.min(Math.max(untilReset, 250), 65_000));
          continue;
        }
        if (!retryable || attempt >= policy.attempts - 1) throw e;
        const delay = retryDelayMs(attempt, response?.headers, policy);
        if (response) governor.observe(response.headers);
        if (response?.status === 429) governor.pause(delay);
        await sleep(delay);
      }
    }
  }
  return { get, governor, baseUrl };
}

function isTimeout(e: unknown): boolean {
  return e instanceof Error && /Timeout/.test(e.name);
}
