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
});
