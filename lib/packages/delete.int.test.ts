import { beforeAll, describe, expect, it } from "vitest";
import {
  actAs,
  auditRows,
  inMirror,
  seedMirror,
  stillInGitlab,
  takePackage,
  type FixtureUser,
  resetSandbox,
  onRelease,
  registryLevelHidden,
} from "@/lib/testing/delete-kit";
import { attemptPackageDelete } from "./delete";
import type { DeleteStatus } from "./results";

// The guide's project table, proven against the sandbox: each fixture user tries to delete a
// package where they hold a role and one where they do not. Only Maintainer+ (and admins)
// delete; a package the user cannot read answers 404 exactly like an unknown one.
//
// Fixture: owner owns platon and shared; maintainer is Maintainer of platon/backend;
// developer/reporter/planner/guest hold their role on platon; external is Reporter on
// platon/backend/api; outsider has no membership. Projects: 1 api, 2 auth-service (private,
// platon/backend), 3 billing (private, registry public), 4 web-app (internal, platon/frontend),
// 5 design-tokens (private, platon/frontend), 8 platform-docs (internal, platon),
// 10 commons (public, shared), 11 tools (internal, shared), 12 licensing (private, shared).

type Case = [user: FixtureUser, projectId: number, why: string, expected: DeleteStatus];

const CASES: Case[] = [
  ["admin", 1, "admin, no membership needed", "deleted"],
  ["admin", 12, "admin, private project elsewhere", "deleted"],
  ["owner", 2, "Owner via platon", "deleted"],
  ["owner", 12, "Owner of shared (owner holds a role everywhere)", "deleted"],
  ["maintainer", 2, "Maintainer via platon/backend", "deleted"],
  ["maintainer", 4, "no role, internal project", "refused"],
  ["maintainer", 5, "no role, private project", "not_found"],
  ["developer", 1, "Developer via platon", "refused"],
  ["developer", 11, "no role, internal project", "refused"],
  ["developer", 12, "no role, private project", "not_found"],
  ["reporter", 1, "Reporter via platon", "refused"],
  ["reporter", 11, "no role, internal project", "refused"],
  ["planner", 8, "Planner, internal project", "refused"],
  ["planner", 1, "Planner, private project (cannot even read)", "not_found"],
  ["planner", 11, "no role, internal project", "refused"],
  ["guest", 8, "Guest, internal project", "refused"],
  ["guest", 1, "Guest, private project (cannot even read)", "not_found"],
  ["guest", 11, "no role, internal project", "refused"],
  ["external", 1, "Reporter on platon/backend/api", "refused"],
  ["external", 10, "no role, public project", "refused"],
  ["external", 11, "no role, internal project (external users need membership)", "not_found"],
  ["outsider", 11, "no role, internal project", "refused"],
  ["outsider", 3, "no role, private project with a public registry", "refused"],
  ["outsider", 1, "no role, private project", "not_found"],
];

const AUDIT_RESULT = {
  deleted: "success",
  refused: "refused",
  not_found: "failed",
  failed: "failed",
};

describe("delete permissions, role by role", () => {
  let old = false;
  beforeAll(async () => {
    old = await registryLevelHidden();
    await resetSandbox();
    await seedMirror();
  });

  it.each(CASES)("%s in project %i (%s) → %s", async (user, projectId, _why, given) => {
    const expected = onRelease(given, user, projectId, old, "refused", "not_found");
    const packageId = await takePackage(projectId);
    const identity = await actAs(user);
    const result = await attemptPackageDelete({ identity, packageId, via: "api" });

    expect(result.status).toBe(expected);
    expect(result.ok).toBe(expected === "deleted");
    // GitLab and the mirror agree with the answer: gone only when deleted.
    expect(await stillInGitlab(projectId, packageId)).toBe(expected !== "deleted");
    expect(await inMirror(packageId)).toBe(expected !== "deleted");
    if (expected === "refused")
      expect(result.message).toMatch(/Maintainers and Owners can delete packages/);
    if (expected === "not_found")
      expect(result.message).toBe("Package not found, or you cannot see it.");

    const rows = await auditRows(packageId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_username: user, action: "package.delete", via: "api" });
    expect(rows[0].result).toBe(AUDIT_RESULT[expected]);
    // A 404 must not leak, not even into the actor's own audit trail.
    if (expected === "not_found") expect(rows[0].project_path).toBeNull();
    else expect(rows[0].project_path).toMatch(/\//);
  });

  it("answers an unknown id like an unreadable one, and audits it", async () => {
    const identity = await actAs("admin");
    const result = await attemptPackageDelete({ identity, packageId: 987654321, via: "api" });
    expect(result).toMatchObject({ ok: false, status: "not_found", code: "not_found" });
    expect(await auditRows(987654321)).toHaveLength(1);
  });
});
