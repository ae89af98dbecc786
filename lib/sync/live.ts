import type { RateGovernor } from "@/lib/gitlab/service-rest";

// What only the process running a sync knows while it runs (not stored in sync_runs): whether
// its GitLab reads are held by a rate limit, and until when. Read by the sync status view.

let current: RateGovernor | null = null;

export function setLiveGovernor(g: RateGovernor | null): void {
  current = g;
}

/** When the running sync's GitLab reads resume, or null when they are not waiting. */
export function rateLimitWaitUntil(): Date | null {
  return current?.waitingUntil() ?? null;
}
