import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getSql } from "@/db";
import { AppError } from "@/lib/errors";
import { withGitlabDeadline } from "@/lib/gitlab/deadline";
import { addFault, clearFaults } from "@/lib/testing/catalog-kit";
import { signedInUser } from "@/lib/testing/oauth-kit";
import { refreshTokensLocked } from "./tokens";

// A token refresh waits on a per-user advisory lock and on GitLab's /oauth/token: both are
// bounded by the request's deadline, and nothing stays held after.

afterAll(() => closeDb());

async function staleUser() {
  return (await signedInUser({ id: 4, username: "developer", name: "Developer Sandbox" }, -1000))
    .user;
}

const reason = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

/** A stale user's refresh with `fault` on /oauth/token, under a deadline of `deadlineMs`. */
async function refreshUnder(fault: Record<string, unknown>, deadlineMs: number) {
  const user = await staleUser();
  await addFault({ ...fault, path: "/oauth/token" });
  try {
    const started = Date.now();
    const outcome = await withGitlabDeadline(deadlineMs, () => refreshTokensLocked(user.id)).then(
      (token) => ({ token, error: null as unknown }),
      (error: unknown) => ({ token: null, error }),
    );
    return { ...outcome, ms: Date.now() - started };
  } finally {
    await clearFaults();
  }
}

describe("bounded token refresh", () => {
  it("gives up waiting for a lock another replica holds, within the deadline", async () => {
    const user = await staleUser();
    const holder = await getSql().reserve();
    try {
      await holder`begin`;
      await holder`select pg_advisory_xact_lock(71001, ${user.id})`;
      const started = Date.now();
      const e = await reason(withGitlabDeadline(800, () => refreshTokensLocked(user.id)));
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe("gitlab_timeout");
      await holder`rollback`;
    } finally {
      holder.release();
    }
  });

  it("gives up on a GitLab that never answers /oauth/token, and holds nothing after", async () => {
    const { error, ms } = await refreshUnder({ hang: true }, 1_000);
    expect(ms).toBeLessThan(2_500);
    expect((error as AppError).code).toBe("gitlab_unavailable");
    const [held] = await getSql()<{ n: number }[]>`
      select count(*)::int as n from pg_locks where locktype = 'advisory'`;
    expect(held.n).toBe(0);
  });

  it("waits out /oauth/token's rate limit as GitLab says, then renews", async () => {
    // Rack::Attack's answer: 429, Retry-After: 1. Twice, then GitLab answers.
    const { token, ms } = await refreshUnder({ status: 429, retry_after: 1, count: 2 }, 10_000);
    expect(typeof token).toBe("string");
    // Two waits of Retry-After's second each, not the 0.3 s and 0.6 s of a blind back-off.
    expect(ms).toBeGreaterThanOrEqual(2_000);
  });

  it("says GitLab is rate-limiting when its Retry-After does not fit the deadline", async () => {
    const { error, ms } = await refreshUnder({ status: 429, retry_after: 60, count: 10 }, 3_000);
    // No wait that could not end in time: answered at once.
    expect(ms).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("rate_limited");
    expect((error as AppError).message).toMatch(/GitLab is rate-limiting/);
  });

  it("never backs off past the deadline: a /oauth/token answering 503 ends within it", async () => {
    const { error, ms } = await refreshUnder({ status: 503, count: 10 }, 700);
    // Attempts at 0 and 0.3 s; the next back-off (0.6 s) would end past the deadline.
    expect(ms).toBeLessThan(700);
    expect((error as AppError).code).toBe("gitlab_unavailable");
  });
});
