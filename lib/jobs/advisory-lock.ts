import { withSessionAdvisoryLock } from "@/db/queries/advisory-locks";

// One run at a time across every replica: a job takes its named lock, and a second caller
// (another replica, an overlapping schedule) gets { acquired: false } instead of waiting.

export const LOCKS = {
  sync: "portal:catalog-sync",
  files: "portal:catalog-files",
  retention: "portal:retention",
} as const;

export function withAdvisoryLock<T>(
  name: string,
  work: () => Promise<T>,
): Promise<{ acquired: true; value: T } | { acquired: false }> {
  return withSessionAdvisoryLock(name, work);
}
