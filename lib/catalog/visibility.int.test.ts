import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db";
import { bumpCatalogGeneration } from "@/db/catalog-changes";
import { authenticateToken } from "@/lib/auth/api-token";
import {
  everyCatalogItem,
  gitlabGetAll,
  resetCatalog,
  resetSandbox,
  sandboxUrl,
} from "@/lib/testing/catalog-kit";
import { refreshUserAccess } from "@/lib/access/memberships";
import { runSync } from "@/lib/sync/sync";

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
  return new Set((await everyCatalogItem(user)).map((i) => i.id));
}

/**
 * Before 17.10 GitLab does not say a project's package_registry_access_level, and the portal
 * mirrors such a registry as members-only: it may hide what GitLab shows, never the reverse.
 */
async function registryLevelKnown(): Promise<boolean> {
  const res = await fetch(`${sandboxUrl()}/api/v4/version`, {
    headers: { "PRIVATE-TOKEN": "glpat-sandbox-admin" },
  });
  const [major, minor] = ((await res.json()) as { version: string }).version.split(".").map(Number);
  return major > 17 || (major === 17 && minor >= 10);
}

function expectVisible(actual: Set<number>, expected: Set<number>, exact: boolean, user: string) {
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  if (exact) return expect(sorted(actual)).toEqual(sorted(expected));
  const leaked = sorted(actual).filter((id) => !expected.has(id));
  expect(leaked).toEqual([]);
  console.info(`[old GitLab] ${user}: ${expected.size - actual.size} of ${expected.size} hidden`);
}

describe("catalog visibility", () => {
  let projectIds: number[] = [];
  let exact = true;
  beforeAll(async () => {
    exact = await registryLevelKnown();
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
    expectVisible(actual, expected, exact, user);
  });

  it("the fixture exercises the rule: users see different, non-empty sets", async () => {
    const sizes = await Promise.all(
      ["admin", "reporter", "guest", "external", "outsider"].map(
        async (u) => (await readableInCatalog(u)).size,
      ),
    );
    expect(new Set(sizes).size).toBeGreaterThan(2);
    // Before 17.10 guest and outsider read only through visibility, which the portal hides.
    expect(Math.min(...(exact ? sizes : sizes.slice(0, 2)))).toBeGreaterThan(0);
  });

  // The readable-project set is cached per reader for speed; these prove that what changes it
  // in this process — a sync that sees new project settings, a membership rebuild — is seen by
  // the very next search, not when the cache expires.
  describe("after a change", () => {
    afterAll(async () => {
      await resetSandbox();
      expect((await runSync({ kind: "full", trigger: "test", newFilesLimit: 0 })).status).toBe(
        "succeeded",
      );
    });

    it("a registry GitLab turns private is gone for non-members at the next sync", async () => {
      // Before 17.10 only packages_enabled exists (and the portal already shows shared/tools to
      // members only), so there the registry is switched off and the admin loses it.
      const who = exact ? "outsider" : "admin";
      // shared/tools (11): internal, registry enabled, outsider is no member — they read it.
      // Its packages stay in GitLab's listings, so only the project's new setting can tell.
      const before = await readableInCatalog(who); // fills the cache
      const res = await fetch(`${sandboxUrl()}/api/v4/projects/11`, {
        method: "PUT",
        headers: { "PRIVATE-TOKEN": "glpat-sandbox-admin", "content-type": "application/json" },
        body: JSON.stringify(
          exact ? { package_registry_access_level: "private" } : { packages_enabled: false },
        ),
      });
      expect(res.status).toBe(200);
      const sync = await runSync({ kind: "incremental", trigger: "test", newFilesLimit: 0 });
      expect(sync.status).toBe("succeeded");
      const after = await readableInCatalog(who);
      expect(after.size).toBeLessThan(before.size);
      expectVisible(after, await readableInGitlab(who, projectIds), exact, who);
    });

    it("a membership rebuild is seen by the next search", async () => {
      const { user, gitlab } = await authenticateToken({
        token: "glpat-sandbox-external",
        kind: "pat",
      });
      const expected = await readableInGitlab("external", projectIds);
      // Drop the external user's memberships (as if never fetched): they see less.
      await getSql()`delete from user_project_access where user_id = ${user.id}`;
      bumpCatalogGeneration();
      const without = await readableInCatalog("external");
      expect(without.size).toBeLessThan(expected.size);
      // Rebuilding them from GitLab must show them again at once.
      await refreshUserAccess(user.id, gitlab);
      const rebuilt = await readableInCatalog("external");
      expectVisible(rebuilt, expected, exact, "external");
    });
  });
});
