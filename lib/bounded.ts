import { env } from "@/lib/env";

// A promise that settles within `ms`, whatever the work does: the work's own result when it
// is in time, else `late()` (a value, or a throw). The work is not cancelled (a query stays
// queued on its connection until PostgreSQL answers), only no longer waited for.

export function within<T>(ms: number, work: Promise<T>, late: () => T | never): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(late());
      } catch (e) {
        reject(e);
      }
    }, ms);
    timer.unref?.();
  });
  // The work's rejection after the deadline has nobody waiting: keep it from being unhandled.
  work.catch(() => {});
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** What a request may take beyond GitLab's deadline (env GITLAB_DEADLINE_MS) in all. */
export const REQUEST_MARGIN_MS = 5_000;

/** The most one request — an API call or a page — waits for in all: GitLab's share plus a margin. */
export function requestBoundMs(): number {
  return env().gitlabDeadlineMs + REQUEST_MARGIN_MS;
}
