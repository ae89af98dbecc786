import { env } from "@/lib/env";
import type { GitlabApi } from "./client";
import { discardBody } from "./requester";

/** Is GitLab up? Any answer below 500 counts: a 401 still proves its API is answering. */
export async function isGitlabAnswering(): Promise<boolean> {
  try {
    const res = await fetch(`${env().gitlabUrl}/api/v4/version`, {
      signal: AbortSignal.timeout(5000),
    });
    await discardBody(res);
    return res.status < 500;
  } catch {
    return false;
  }
}

// The GitLab release behind GITLAB_URL, read once (GET /metadata, 15.2+; any token works) and
// cached, so the portal asks only what that release understands. Supported: 16.11 – 18.x.

export type GitlabRelease = { major: number; minor: number; text: string };

const TTL_MS = 10 * 60_000;
const FAILED_TTL_MS = 30_000;
let cached: { at: number; ttl: number; value: Promise<GitlabRelease | null> } | undefined;

export function parseRelease(text: unknown): GitlabRelease | null {
  const m = typeof text === "string" ? /^(\d+)\.(\d+)/.exec(text) : null;
  return m ? { major: Number(m[1]), minor: Number(m[2]), text: String(text) } : null;
}

export const atLeast = (r: GitlabRelease | null, major: number, minor: number): boolean =>
  !!r && (r.major > major || (r.major === major && r.minor >= minor));

/** The release, or null when GitLab did not say (callers then assume the oldest supported). */
export function gitlabRelease(api: GitlabApi): Promise<GitlabRelease | null> {
  if (cached && Date.now() - cached.at < cached.ttl) return cached.value;
  const entry = {
    at: Date.now(),
    ttl: TTL_MS,
    value: api.Metadata.show()
      .then((m) => parseRelease((m as { version?: unknown }).version))
      .catch(() => {
        entry.ttl = FAILED_TTL_MS; // GitLab down: ask again soon, not at every call
        return null;
      }),
  };
  cached = entry;
  return entry.value;
}

/** Tests switch the sandbox's release between runs. */
export function forgetGitlabRelease(): void {
  cached = undefined;
}

/**
 * Access levels GitLab accepts for min_access_level (Gitlab::Access.all_values): Planner (15)
 * only from 17.7 — sending it to an older GitLab is a 400 that would fail every sign-in.
 */
export function memberAccessLevels(r: GitlabRelease | null): number[] {
  return atLeast(r, 17, 7) ? [10, 15, 20, 30, 40, 50] : [10, 20, 30, 40, 50];
}
