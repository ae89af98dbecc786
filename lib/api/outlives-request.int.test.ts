import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { CATALOG_CHANNEL, listenForCatalogChanges, packagesGeneration } from "@/db/catalog-changes";
import { LOCK_NAMESPACE } from "@/db/queries/gitlab-tokens";
import { startRequestWork } from "@/db/request-work";
import { gitlabTokens, userProjectAccess, users } from "@/db/schema";
import { authenticateToken } from "@/lib/auth/api-token";
import { ensureFreshAccess } from "@/lib/auth/session-access";
import { getAccessToken } from "@/lib/auth/tokens";
import { requireDatabaseUrl } from "@/lib/env";
import { recentPlan } from "@/lib/retention/plan";
import { holdAdvisoryLock, holdTableLock, lockWaiters } from "@/lib/testing/db-lock";
import { resetSandbox, seedMirror } from "@/lib/testing/delete-kit";
import { signedInUser } from "@/lib/testing/oauth-kit";
import { policyInputSchema } from "@/lib/validations/retention";

// A request given up at its bound cancels its own statements (request-bound.int.test.ts). Work
// it started on others' behalf is not its own: a token refresh other tabs wait on, a membership
// refresh, a token's user lookup a page's other requests share, the catalog's LISTEN, a
// retention plan other previews reuse. Each of those completes though the request that
// started it was given up while it waited on the database (db/request-work.ts,
// outsideRequestWork).

afterAll(() => closeDb());

/** Runs `work` as a request that is given up once `waiting()` holds (its work went on). */
async function givenUpWhile<T>(work: () => Promise<T>, waiting: () => Promise<unknown>) {
  const request = startRequestWork(work);
  // What the request started goes on alone: its result is only looked at below.
  request.result.catch(() => {});
  await waiting();
  request.abandon();
  return request.result;
}

const someoneWaitsOnALock = async () =>
  expect(await lockWaiters((n) => n > 0, 10_000)).toBeGreaterThan(0);

// First, before anything else here subscribes: the LISTEN is set up once per process, by
// whichever caller comes first.
describe("the catalog's LISTEN", () => {
  it("the catalog's LISTEN, started by a request given up at once, still subscribes", async () => {
    const ready = givenUpWhile(
      () => listenForCatalogChanges(),
      // Given up as soon as the LISTEN was handed to its connection, before it connected.
      () => new Promise((resolve) => setImmediate(resolve)),
    );
    await expect(ready).resolves.toBeUndefined();
    // Subscribed: another process's change reaches this one.
    const before = packagesGeneration();
    const other = postgres(requireDatabaseUrl(), { max: 1, onnotice: () => {} });
    try {
      await other`select pg_notify(${CATALOG_CHANNEL}, 'another-replica packages')`;
      const until = Date.now() + 5_000;
      while (packagesGeneration() === before && Date.now() < until)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(packagesGeneration()).toBeGreaterThan(before);
    } finally {
      await other.end();
    }
  });
});

describe("work a request started for others outlives the request", () => {
  beforeAll(async () => {
    await resetSandbox();
    await seedMirror();
  });

  it("a token refresh another tab waits on completes and rotates the pair once", async () => {
    // Stored as already expired: the next use refreshes.
    const { user, pair } = await signedInUser(
      { id: 3, username: "maintainer", name: "Maintainer Sandbox" },
      -1000,
    );
    const generation = async () =>
      (await getDb().select().from(gitlabTokens).where(eq(gitlabTokens.userId, user.id)))[0]
        .generation;
    const before = await generation();
    // Another replica refreshes this user: ours waits for its lock.
    const release = await holdAdvisoryLock(LOCK_NAMESPACE, user.id);
    let otherTab!: Promise<string>;
    const given = givenUpWhile(
      () => getAccessToken(user.id),
      async () => {
        await someoneWaitsOnALock();
        // A second tab asks meanwhile and shares the refresh in flight.
        otherTab = startRequestWork(() => getAccessToken(user.id)).result;
      },
    );
    await someoneWaitsOnALock();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await release();
    const token = await otherTab;
    expect(token).not.toBe(pair.access_token);
    expect(await given).toBe(token);
    expect(await generation()).toBe(before + 1);
  });

  it("a membership refresh completes and records the memberships", async () => {
    const { user } = await signedInUser(
      { id: 3, username: "maintainer", name: "Maintainer Sandbox" },
      3600_000,
    );
    const stale = new Date(Date.now() - 60 * 60_000);
    await getDb().update(users).set({ accessRefreshedAt: stale }).where(eq(users.id, user.id));
    await getDb().delete(userProjectAccess).where(eq(userProjectAccess.userId, user.id));

    const release = await holdTableLock("user_project_access");
    const given = givenUpWhile(
      () => ensureFreshAccess({ id: user.id, accessRefreshedAt: stale }),
      someoneWaitsOnALock,
    );
    await someoneWaitsOnALock();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await release();
    expect(await given).toBe(true);

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

  it("a token's user lookup a page's other request shares still answers it", async () => {
    const release = await holdTableLock("users");
    let sibling!: ReturnType<typeof authenticateToken>;
    const given = givenUpWhile(
      () => authenticateToken({ token: "glpat-sandbox-reporter", kind: "pat" }),
      async () => {
        await someoneWaitsOnALock();
        sibling = startRequestWork(() =>
          authenticateToken({ token: "glpat-sandbox-reporter", kind: "pat" }),
        ).result;
      },
    );
    await someoneWaitsOnALock();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await release();
    expect((await sibling).user.username).toBe("reporter");
    expect((await given).user.username).toBe("reporter");
  });

  it("a retention plan another preview reuses is still planned", async () => {
    const policy = policyInputSchema.parse({
      name: "t",
      scope: { type: "group", id: 101 },
      keep_latest: 1,
    });
    const release = await holdTableLock("packages");
    let otherPreview!: Promise<Awaited<ReturnType<typeof recentPlan>>>;
    const given = givenUpWhile(
      () => recentPlan(policy),
      async () => {
        await someoneWaitsOnALock();
        otherPreview = startRequestWork(() => recentPlan(policy)).result;
      },
    );
    await someoneWaitsOnALock();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await release();
    const { plan } = await otherPreview;
    // group 101's versions beyond each package's latest
    expect(plan.delete.length).toBeGreaterThan(0);
    expect(plan.keep.length).toBeGreaterThan(0);
    expect((await given).plan).toBe(plan);
  });
});
