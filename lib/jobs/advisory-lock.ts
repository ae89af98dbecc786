import { withSessionAdvisoryLock, type HeldLock } from "@/db/queries/advisory-locks";

export { LockLostError, type HeldLock } from "@/db/queries/advisory-locks";

// One run at a time across every replica: a job takes its named lock, and a second caller
// (another replica, an overlapping schedule) gets { acquired: false } instead of waiting.
// The work gets the HeldLock: a job asks `assertHeld()` before a step that must not run twice
// (the lock goes with its database connection, db/queries/advisory-locks.ts).

export const LOCKS = {
  sync: "portal:catalog-sync",
  files: "portal:catalog-files",
  retention: "portal:retention",
} as const;

export function withAdvisoryLock<T>(
  name: string,
  work: (lock: HeldLock) => Promise<T>,
  opts: { heartbeatMs?: number } = {},
): Promise<{ acquired: true; value: T } | { acquired: false }> {
  return withSessionAdvisoryLock(name, work, opts);
}
