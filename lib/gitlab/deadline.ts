import { AsyncLocalStorage } from "node:async_hooks";

// A portal request that waits on GitLab must finish within a bound, whatever GitLab does
// (503s, a slow answer, a connection accepted and never answered). The bound is set once per
// request (lib/api/route.ts, sign-in) and every GitLab call under it — each attempt, each
// retry's back-off, the token-refresh lock wait — takes its time from what is left.
// Catalog sync runs on serviceRest, which does not read it (a sync is not a request).

const store = new AsyncLocalStorage<{ at: number }>();

/** Runs `work` with a deadline `ms` from now (a nested call can only shorten it). */
export function withGitlabDeadline<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const outer = store.getStore();
  const at = Math.min(outer?.at ?? Infinity, Date.now() + ms);
  return store.run({ at }, work);
}

/** Milliseconds left before the current request's deadline; Infinity outside one. */
export function remainingMs(now = Date.now()): number {
  const d = store.getStore();
  return d ? d.at - now : Infinity;
}

/** Runs `work` outside any request deadline (background jobs started from a request). */
export function withoutDeadline<T>(work: () => T): T {
  return store.exit(work);
}
