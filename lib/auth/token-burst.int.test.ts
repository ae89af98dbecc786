import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as catalogRoute } from "@/app/api/packages/route";
import { closeDb, getDb } from "@/db";
import { replaceUserAccess } from "@/db/queries/user-access";
import { upsertUser } from "@/db/queries/users";
import { userProjectAccess, users } from "@/db/schema";
import { sandboxUrl } from "@/lib/testing/catalog-kit";
import { resetSandbox, seedMirror } from "@/lib/testing/delete-kit";

// A script's first calls with a token often go out in parallel (and a page fires several).
// Each found no cached identity, asked GitLab, and rebuilt the user's memberships at the same
// time as the others: concurrent rebuilds collided on the membership table's key, and 14 of
// 16 requests answered 502 "Unexpected answer from GitLab".

afterAll(() => closeDb());

const get = (user: string) =>
  catalogRoute(
    new NextRequest("http://localhost:3999/api/packages?q=platon", {
      headers: { "PRIVATE-TOKEN": `glpat-sandbox-${user}` },
    }),
    { params: Promise.resolve({}) },
  );

const gitlabRequests = async () =>
  ((await (await fetch(`${sandboxUrl()}/-/sandbox/state`)).json()) as { requests: number })
    .requests;

describe("parallel first requests with one token", () => {
  beforeAll(async () => {
    await resetSandbox();
    await seedMirror();
  });

  it("all answer, with the same catalog, from one GitLab lookup", async () => {
    const before = await gitlabRequests();
    const answers = await Promise.all(
      Array.from({ length: 16 }, async () => {
        const res = await get("owner");
        return `${res.status} ${(await res.json()).total}`;
      }),
    );
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatch(/^200 [1-9]/);
    // One /user and one membership listing (a few pages), not sixteen of each. The state
    // request itself counts too.
    expect((await gitlabRequests()) - before).toBeLessThan(16);
  });

  it("concurrent membership rebuilds of one user all succeed, and leave one copy", async () => {
    const user = await upsertUser({ id: 3, username: "maintainer", name: "Maintainer Sandbox" });
    const access = {
      projects: new Map([
        [1, 40],
        [2, 40],
        [3, 30],
      ]),
      groups: new Map([[102, 40]]),
    };
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => replaceUserAccess(user.id, access)),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const rows = await getDb()
      .select()
      .from(userProjectAccess)
      .where(eq(userProjectAccess.userId, user.id));
    expect(rows.map((r) => [r.projectId, r.accessLevel]).sort()).toEqual([
      [1, 40],
      [2, 40],
      [3, 30],
    ]);
    const [row] = await getDb().select().from(users).where(eq(users.id, user.id));
    expect(row.accessRefreshedAt).not.toBeNull();
  });
});
