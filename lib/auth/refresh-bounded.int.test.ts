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
    const user = await staleUser();
    await addFault({ hang: true, path: "/oauth/token" });
    try {
      const started = Date.now();
      const e = await reason(withGitlabDeadline(1_000, () => refreshTokensLocked(user.id)));
      expect(Date.now() - started).toBeLessThan(2_500);
      expect((e as AppError).code).toBe("gitlab_unavailable");
    } finally {
      await clearFaults();
    }
    const [held] = await getSql()<{ n: number }[]>`
      select count(*)::int as n from pg_locks where locktype = 'advisory'`;
    expect(held.n).toBe(0);
  });

  it("waits out /oauth/token's rate limit as GitLab says, then renews", async () => {
    const user = await staleUser();
    // Rack::Attack's answer: 429, Retry-After: 1. Twice, then GitLab answers.
    await addFault({ status: 429, retry_after: 1, path: "/oauth/token", count: 2 });
    try {
      const started = Date.now();
      const token = await withGitlabDeadline(10_000, () => refreshTokensLocked(user.id));
      expect(typeof token).toBe("string");
      // Two waits of Retry-After's second each, not the 0.3 s and 0.6 s of a blind back-off.
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    } finally {
      await clearFaults();
    }
  });

  it("says GitLab is rate-limiting when its Retry-After does not fit the deadline", async () => {
    const user = await staleUser();
    await addFault({ status: 429, retry_after: 60, path: "/oauth/token", count: 10 });
    try {
      const started = Date.now();
      const e = await reason(withGitlabDeadline(3_000, () => refreshTokensLocked(user.id)));
      // No wait that could not end in time: answered at once.
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe("rate_limited");
      expect((e as AppError).message).toMatch(/GitLab is rate-limiting/);
    } finally {
      await clearFaults();
    }
  });

  it("never backs off past the deadline: a /oauth/token answering 503 ends within it", async () => {
    const user = await staleUser();
    await addFault({ status: 503, path: "/oauth/token", count: 10 });
    try {
      const started = Date.now();
      const e = await reason(withGitlabDeadline(700, () => refreshTokensLocked(user.id)));
      // Attempts at 0 and 0.3 s; the next back-off (0.6 s) would end past the deadline.
      expect(Date.now() - started).toBeLessThan(700);
      expect((e as AppError).code).toBe("gitlab_unavailable");
    } finally {
      await clearFaults();
    }
  });
});
