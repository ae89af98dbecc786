import { beforeAll, describe, expect, it } from "vitest";
import { showPackage } from "@/lib/catalog/browse";
import {
  actAs,
  resetSandbox,
  seedMirror,
  stillInGitlab,
  takePackage,
  onRelease,
  registryLevelHidden,
  type FixtureUser,
} from "@/lib/testing/delete-kit";
import { attemptPackageDelete } from "./delete";

// The control a user sees and what the server then does agree, role by role: the package page
// shows "Delete version" exactly when can_delete is true, and exactly then the delete succeeds;
// a package the catalog hides is a 404 for the delete too.

type Shown = "button" | "note" | "hidden";
type Case = [user: FixtureUser, projectId: number, shown: Shown];

const CASES: Case[] = [
  ["admin", 1, "button"],
  ["owner", 2, "button"],
  ["owner", 12, "button"],
  ["maintainer", 2, "button"],
  ["maintainer", 4, "note"],
  ["maintainer", 5, "hidden"],
  ["developer", 1, "note"],
  ["developer", 11, "note"],
  ["reporter", 1, "note"],
  ["planner", 8, "note"],
  ["planner", 1, "hidden"],
  ["guest", 8, "note"],
  ["guest", 1, "hidden"],
  ["external", 1, "note"],
  ["external", 11, "hidden"],
  ["outsider", 3, "note"],
  ["outsider", 1, "hidden"],
];

describe("delete control vs. delete result", () => {
  let old = false;
  beforeAll(async () => {
    old = await registryLevelHidden();
    await resetSandbox();
    await seedMirror();
  });

  it.each(CASES)("%s, project %i: %s", async (user, projectId, given) => {
    const shown = onRelease<Shown>(given, user, projectId, old, "note", "hidden");
    const packageId = await takePackage(projectId);
    const identity = await actAs(user);
    const view = await showPackage(identity.user, packageId).catch(() => null);
    expect(view === null ? "hidden" : view.can_delete ? "button" : "note").toBe(shown);

    const result = await attemptPackageDelete({ identity, packageId, via: "api" });
    expect(result.status).toBe({ button: "deleted", note: "refused", hidden: "not_found" }[shown]);
    expect(await stillInGitlab(projectId, packageId)).toBe(shown !== "button");
  });
});
