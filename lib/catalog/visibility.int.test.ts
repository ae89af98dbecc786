import { beforeAll, describe, expect, it } from "vitest";
import { listPackages } from "@/db/queries/catalog";
import { authenticateToken } from "@/lib/auth/api-token";
import { gitlabGetAll, resetCatalog, resetSandbox } from "@/lib/testing/catalog-kit";
import { runSync } from "./sync";

// The catalog must show each user exactly what GitLab lets that user read: the reference is
// the sandbox itself, asked project by project with the user's own token.

const USERS = [
  "admin",
  "owner",
  "maintainer",
  "developer",
  "reporter",
  "planner",
  "guest",
  "external",
  "outsider",
];

async function readableInGitlab(user: string, projectIds: number[]): Promise<Set<number>> {
  const ids = new Set<number>();
  for (const pid of projectIds) {
    const r = await gitlabGetAll<{ id: number }>(user, `projects/${pid}/packages`);
    if (r.status === 200) for (const p of r.items) ids.add(p.id);
    else expect([403, 404]).toContain(r.status);
  }
  return ids;
}

async function readableInCatalog(user: string): Promise<Set<number>> {
  const { user: me } = await authenticateToken({ token: `glpat-sandbox-${user}`, kind: "pat" });
  const ids = new Set<number>();
  for (let page = 1; ; page++) {
    const r = await listPackages({
      userId: me.id,
      isAdmin: me.isAdmin,
      isExternal: me.isExternal,
      type: [],
      view: "versions",
      never_downloaded: false,
      page,
      perPage: 100,
    });
    for (const i of r.items) ids.add(i.id);
    if (page * 100 >= r.total) return ids;
  }
}

describe("catalog visibility", () => {
  let projectIds: number[] = [];
  beforeAll(async () => {
    await resetSandbox();
    await resetCatalog();
    const s = await runSync({ kind: "full", trigger: "test", newFilesLimit: 0 });
    expect(s.status).toBe("succeeded");
    projectIds = (await gitlabGetAll<{ id: number }>("admin", "projects")).items.map((p) => p.id);
  });

  it.each(USERS)("shows %s exactly the packages GitLab lets them read", async (user) => {
    const [expected, actual] = await Promise.all([
      readableInGitlab(user, projectIds),
      readableInCatalog(user),
    ]);
    expect([...actual].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
  });

  it("the fixture exercises the rule: users see different, non-empty sets", async () => {
    const sizes = await Promise.all(
      ["admin", "reporter", "guest", "external", "outsider"].map(
        async (u) => (await readableInCatalog(u)).size,
      ),
    );
    expect(new Set(sizes).size).toBeGreaterThan(2);
    expect(Math.min(...sizes)).toBeGreaterThan(0);
  });
});
