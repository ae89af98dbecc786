import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { upsertUser } from "@/db/queries/users";
import { gitlabTokens, userProjectAccess, users } from "@/db/schema";
import { addFault, clearFaults, sandboxUrl } from "@/lib/testing/catalog-kit";
import { signedInUser } from "@/lib/testing/oauth-kit";
import { ensureFreshAccess } from "./session-access";
import { storeTokens } from "./tokens";

// A session user's memberships are rebuilt when stale; a token GitLab no longer accepts ends
// the session instead of leaving an outdated view of what they may read.

afterAll(() => closeDb());

const stale = new Date(Date.now() - 60 * 60_000);

describe("ensureFreshAccess", () => {
  it("rebuilds stale memberships with the user's own token", async () => {
    const { user } = await signedInUser(
      { id: 3, username: "maintainer", name: "Maintainer Sandbox" },
      3600_000,
    );
    await getDb().update(users).set({ accessRefreshedAt: stale }).where(eq(users.id, user.id));
    await getDb().delete(userProjectAccess).where(eq(userProjectAccess.userId, user.id));

    expect(await ensureFreshAccess({ id: user.id, accessRefreshedAt: stale })).toBe(true);

    const levels = await getDb()
      .select()
      .from(userProjectAccess)
      .where(eq(userProjectAccess.userId, user.id));
    // Maintainer of platon/backend: its projects (1, 2, 3) at level 40.
    expect(
      levels
        .filter((l) => l.accessLevel === 40)
        .map((l) => l.projectId)
        .sort(),
    ).toEqual([1, 2, 3]);
    const [row] = await getDb().select().from(users).where(eq(users.id, user.id));
    expect(row.accessRefreshedAt!.getTime()).toBeGreaterThan(stale.getTime());
  });

  it("ends the session when GitLab rejects the token", async () => {
    const user = await upsertUser({ id: 6, username: "planner", name: "Planner Sandbox" });
    await storeTokens(user.id, {
      accessToken: "revoked-or-unknown",
      refreshToken: "also-dead",
      expiresAt: new Date(Date.now() + 3600_000),
      scope: "read_user api",
    });
    expect(await ensureFreshAccess({ id: user.id, accessRefreshedAt: stale })).toBe(false);
    const rows = await getDb().select().from(gitlabTokens).where(eq(gitlabTokens.userId, user.id));
    expect(rows).toHaveLength(0);
  });

  it("keeps the last memberships when GitLab is down, and does not ask again for a minute", async () => {
    const { user } = await signedInUser(
      { id: 7, username: "guest", name: "Guest Sandbox" },
      3600_000,
    );
    const requests = async () =>
      ((await (await fetch(`${sandboxUrl()}/-/sandbox/state`)).json()) as { requests: number })
        .requests;
    await addFault({ status: 503, rate: 1, path: "/api/v4" });
    try {
      const t0 = Date.now();
      expect(await ensureFreshAccess({ id: user.id, accessRefreshedAt: stale })).toBe(true);
      expect(Date.now() - t0).toBeLessThan(4_000);
      const before = await requests();
      expect(await ensureFreshAccess({ id: user.id, accessRefreshedAt: stale })).toBe(true);
      expect(await requests()).toBe(before);
      // The session survives an outage: the token pair is kept.
      const rows = await getDb()
        .select()
        .from(gitlabTokens)
        .where(eq(gitlabTokens.userId, user.id));
      expect(rows).toHaveLength(1);
    } finally {
      await clearFaults();
    }
  });

  it("does nothing while the cache is fresh", async () => {
    expect(await ensureFreshAccess({ id: 999, accessRefreshedAt: new Date() })).toBe(true);
  });
});
