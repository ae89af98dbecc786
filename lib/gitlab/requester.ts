import {
  createRequesterFn,
  GitbeakerRequestError,
  GitbeakerTimeoutError,
} from "@gitbeaker/requester-utils";
import { remainingMs } from "./deadline";

// gitbeaker's own handler retries 429/502 ten times within ~250 ms and ignores Retry-After,
// which hammers a GitLab that is asking us to slow down. This handler backs off
// exponentially, honours Retry-After / RateLimit-Reset, retries 5xx and network errors
// too (reads only: a write is retried only when GitLab says it did not process it).

type Opts = {
  method?: string;
  searchParams?: string;
  prefixUrl?: string;
  asStream?: boolean;
  headers?: Record<string, string>;
  body?: BodyInit | null;
  signal?: AbortSignal;
  rateLimiters?: unknown;
  agent?: unknown;
  [k: string]: unknown;
};

export type RetryPolicy = { attempts: number; baseDelayMs: number; maxDelayMs: number };

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 300, maxDelayMs: 10_000 };

const RETRYABLE_READ = new Set([429, 500, 502, 503, 504]);
// 429 and 503 mean the request was not processed, so even a DELETE may be repeated.
const RETRYABLE_WRITE = new Set([429, 503]);

export function retryDelayMs(
  attempt: number,
  headers: Headers | undefined,
  policy: RetryPolicy,
): number {
  const retryAfter = headers?.get("retry-after");
  if (retryAfter) {
    const secs = Number(retryAfter);
    const ms = Number.isFinite(secs)
      ? secs * 1000
      : Math.max(0, new Date(retryAfter).getTime() - Date.now());
    if (Number.isFinite(ms)) return Math.min(ms, policy.maxDelayMs * 3);
  }
  const exp = policy.baseDelayMs * 2 ** attempt;
  const jitter = Math.random() * policy.baseDelayMs;
  return Math.min(exp + jitter, policy.maxDelayMs);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reads and drops an answer's body the portal does not need (a 5xx before a retry, a probe's
 * status). Not `body.cancel()`: in the built portal, awaiting it on a GET answered 500 never
 * settled, so the retry waited until the request's bound (30 s, then "the database is not
 * responding") instead of 300 ms (e2e/registry/gitlab-trouble.spec.ts). Next.js patches fetch,
 * and its clone-response.js tee()s bodies; a tee branch's cancel settles only once the other
 * branch is cancelled too, the likely cause. Reading is bounded by the fetch's own signal.
 */
export async function discardBody(response: Response): Promise<void> {
  await response.arrayBuffer().catch(() => {});
}

async function parseResponse(response: Response, asStream: boolean) {
  const headers = Object.fromEntries(response.headers.entries());
  if (asStream) return { body: response.body, headers, status: response.status };
  if (response.status === 204) return { body: null, headers, status: response.status };
  const type = (response.headers.get("content-type") ?? "").split(";")[0].trim();
  let body: unknown;
  if (type === "application/json") {
    const text = await response.text();
    body = text ? JSON.parse(text) : {};
  } else if (type.startsWith("text/")) body = await response.text();
  else body = await response.blob();
  return { body, headers, status: response.status };
}

async function toRequestError(request: Request, response: Response): Promise<never> {
  const content = await response.text();
  let description = content;
  if (response.headers.get("content-type")?.includes("application/json")) {
    try {
      const out = JSON.parse(content);
      const prop = out?.error_description ?? out?.error ?? out?.message ?? "";
      description = typeof prop === "string" ? prop : JSON.stringify(prop);
    } catch {
      // keep raw text
    }
  }
  throw new GitbeakerRequestError(description, { cause: { description, request, response } });
}

/**
 * A credential that can change while a request is in flight (a user's OAuth access token,
 * which another request may rotate): the value of `header` now, given the one a request sent.
 */
export type RenewAuth = { header: string; renew: (used: string) => Promise<string> };

/** Thrown when the request's deadline leaves no time for (another) attempt. */
export const deadlineError = () =>
  new GitbeakerTimeoutError("GitLab did not answer within the portal's time limit");

/**
 * `timeoutMs` bounds each attempt; with `deadline` (the default), each attempt and each
 * back-off also fit in what is left of the current request's deadline (./deadline.ts): no
 * retry is started that could not finish, so a request never outlives its bound.
 */
export function makeRequestHandler(
  policy: RetryPolicy,
  timeoutMs: number,
  opts: { deadline?: boolean; renewAuth?: RenewAuth } = {},
) {
  const left = () => (opts.deadline === false ? Infinity : remainingMs());
  return async function handle(endpoint: string, options?: Opts) {
    const {
      rateLimiters: _r,
      agent: _a,
      asStream = false,
      prefixUrl,
      searchParams,
      method = "GET",
      ...rest
    } = options ?? {};
    const base = prefixUrl ? (prefixUrl.endsWith("/") ? prefixUrl : `${prefixUrl}/`) : undefined;
    const url = new URL(endpoint, base);
    url.search = searchParams ?? "";
    const retryable = method === "GET" ? RETRYABLE_READ : RETRYABLE_WRITE;
    let headers = rest.headers;
    let renewed = false;
    let lastError: unknown;
    for (let attempt = 0; attempt < policy.attempts; attempt++) {
      const budget = Math.min(timeoutMs, left());
      if (budget <= 0) throw lastError ?? deadlineError();
      const request = new Request(url, {
        ...(rest as RequestInit),
        headers,
        method,
        signal: AbortSignal.timeout(budget),
      });
      let response: Response;
      try {
        response = await fetch(request);
      } catch (e) {
        const name = (e as Error).name;
        if (name === "TimeoutError" || name === "AbortError") {
          lastError = new GitbeakerTimeoutError("GitLab did not answer in time");
        } else lastError = e;
        if (method !== "GET" || attempt === policy.attempts - 1) throw lastError;
        const delay = retryDelayMs(attempt, undefined, policy);
        if (delay >= left()) throw lastError;
        await sleep(delay);
        continue;
      }
      if (response.ok) return parseResponse(response, asStream);
      const { renewAuth } = opts;
      if (response.status === 401 && renewAuth && !renewed) {
        // The credential may have been renewed since this request read it (GitLab killed the
        // old access token as it rotated the pair): sent again once with the current one.
        // A 401 was not processed, so even a write may be.
        renewed = true;
        const used = headers?.[renewAuth.header];
        const current = used === undefined ? null : await renewAuth.renew(used);
        if (current !== null && current !== used) {
          await discardBody(response);
          headers = { ...headers, [renewAuth.header]: current };
          attempt--;
          continue;
        }
      }
      const delay = retryDelayMs(attempt, response.headers, policy);
      // A back-off that would eat the rest of the deadline is not worth starting.
      if (
        !retryable.has(response.status) ||
        attempt === policy.attempts - 1 ||
        delay + 50 >= left()
      ) {
        return toRequestError(request, response);
      }
      await discardBody(response);
      await sleep(delay);
    }
    throw lastError ?? new Error("unreachable");
  };
}

export function makeRequesterFn(
  policy: RetryPolicy = DEFAULT_RETRY,
  timeoutMs = 30_000,
  renewAuth?: RenewAuth,
) {
  return createRequesterFn(
    (_service, reqOpts) => Promise.resolve(reqOpts),
    makeRequestHandler(policy, timeoutMs, { deadline: true, renewAuth }) as never,
  );
}
