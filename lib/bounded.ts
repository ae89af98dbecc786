import { env } from "@/lib/env";
import { startRequestWork } from "@/db/request-work";

// A promise that settles within `ms`, whatever the work does: the work's own result when it
// is in time, else `late()` (a value, or a throw). `within` only stops waiting for the work;
// `withinRequest` also cancels the database statements the work still runs.

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

/**
 * A request's work, bounded: past `ms` it answers `late()` and cancels the work's statements
 * still running or queued (db/request-work.ts), so a request given up no longer holds a
 * pooled connection — waiting on a locked table, say — that other requests need.
 */
export function withinRequest<T>(
  ms: number,
  work: () => Promise<T>,
  late: () => T | never,
): Promise<T> {
  const { result, abandon } = startRequestWork(work);
  return within(ms, result, () => {
    abandon();
    return late();
  });
}

/** What a request may take beyond GitLab's deadline (env GITLAB_DEADLINE_MS) in all. */
export const REQUEST_MARGIN_MS = 5_000;

/** The most one request — an API call or a page — waits for in all: GitLab's share plus a margin. */
export function requestBoundMs(): number {
  return env().gitlabDeadlineMs + REQUEST_MARGIN_MS;
}
