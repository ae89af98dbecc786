import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ACTION_LABELS,
  GROUP_PERMISSIONS,
  GUIDE_ROWS,
  MEMBER_ROLES,
  PACKAGE_ACTIONS,
  PROJECT_PERMISSIONS,
  ROLE,
  canOnGroup,
  canOnProject,
  canReadProjectPackages,
  roleName,
  whoCan,
  type PackageAction,
  type ProjectReadContext,
} from "./permissions";

const ROLES = ["Guest", "Planner", "Reporter", "Developer", "Maintainer", "Owner"] as const;
const LEVEL = {
  Guest: 10,
  Planner: 15,
  Reporter: 20,
  Developer: 30,
  Maintainer: 40,
  Owner: 50,
} as const;

// The guide's tables, row by row, one mark per column (Guest … Owner).
const PROJECT_TABLE: Record<PackageAction, string> = {
  pull: "x x x x x x",
  publish: ". . . x x x",
  delete_package: ". . . . x x",
  delete_package_file: ". . . . x x",
  manage_package_settings: ". . . . x x", // not in the guide: project settings, Maintainer+
  manage_retention: ". . . . x x", // DESIGN.md: project retention policy, Maintainer+
};
const GROUP_TABLE: Record<PackageAction, string> = {
  pull: ". . x x x x",
  publish: ". . . x x x",
  delete_package: ". . . . x x",
  delete_package_file: ". . . . x x", // not in the guide: follows delete package
  manage_package_settings: ". . . . . x",
  manage_retention: ". . . . . x", // DESIGN.md: group retention policy, Owner
};

describe("role levels", () => {
  it("matches GitLab's access levels", () => {
    expect(ROLE).toEqual({
      guest: 10,
      planner: 15,
      reporter: 20,
      developer: 30,
      maintainer: 40,
      owner: 50,
      admin: 60,
    });
  });
  it.each([
    [0, "No access"],
    [5, "No access"],
    [10, "Guest"],
    [15, "Planner"],
    [20, "Reporter"],
    [30, "Developer"],
    [40, "Maintainer"],
    [50, "Owner"],
    [60, "Admin"],
  ])("roleName(%i) = %s", (level, name) => expect(roleName(level)).toBe(name));
});

describe.each([
  ["project", PROJECT_TABLE, canOnProject],
  ["group", GROUP_TABLE, canOnGroup],
] as const)("%s table", (_scope, table, can) => {
  for (const action of PACKAGE_ACTIONS) {
    const marks = table[action].split(" ");
    ROLES.forEach((role, i) => {
      const expected = marks[i] === "x";
      it(`${role} ${expected ? "may" : "may not"} ${action}`, () => {
        expect(can(action, { level: LEVEL[role] })).toBe(expected);
      });
    });
    it(`admin may ${action}; a non-member may not`, () => {
      expect(can(action, { level: null, isAdmin: true })).toBe(true);
      expect(can(action, { level: null })).toBe(false);
      expect(can(action, { level: 5 })).toBe(false);
    });
  }
});

describe("tables as data", () => {
  it("exports the minimum level per action", () => {
    expect(PROJECT_PERMISSIONS.delete_package).toBe(40);
    expect(GROUP_PERMISSIONS.manage_package_settings).toBe(50);
    expect(GROUP_PERMISSIONS.manage_retention).toBe(50);
    expect(PROJECT_PERMISSIONS.manage_retention).toBe(40);
  });
  it("lists the guide's rows with labels", () => {
    for (const a of [...GUIDE_ROWS.project, ...GUIDE_ROWS.group])
      expect(ACTION_LABELS[a]).toBeTruthy();
    expect(MEMBER_ROLES.map((r) => r.name)).toEqual([...ROLES]);
  });
});

describe("canReadProjectPackages", () => {
  const base: ProjectReadContext = {
    visibility: "private",
    registryAccessLevel: "enabled",
    level: null,
    isAdmin: false,
    isExternal: false,
    signedIn: true,
  };
  const anonymous = { ...base, signedIn: false };
  const read = (over: Partial<ProjectReadContext>) => canReadProjectPackages({ ...base, ...over });

  it.each([
    // [description, context, expected]
    ["anonymous, public project", { ...anonymous, visibility: "public" }, true],
    ["anonymous, internal project", { ...anonymous, visibility: "internal" }, false],
    ["anonymous, private project", anonymous, false],
    [
      "anonymous, private project with public registry",
      { ...anonymous, registryAccessLevel: "public" },
      true,
    ],
    ["signed-in non-member, internal", { visibility: "internal" }, true],
    ["signed-in non-member, private", {}, false],
    ["guest, public", { visibility: "public", level: 10 }, true],
    ["guest, internal", { visibility: "internal", level: 10 }, true],
    ["guest, private", { level: 10 }, false],
    ["planner, private", { level: 15 }, false],
    ["reporter, private", { level: 20 }, true],
    ["owner, private", { level: 50 }, true],
    ["admin non-member, private", { isAdmin: true }, true],
    ["external non-member, internal", { visibility: "internal", isExternal: true }, false],
    ["external guest, internal", { visibility: "internal", isExternal: true, level: 10 }, false],
    ["external reporter, internal", { visibility: "internal", isExternal: true, level: 20 }, true],
    ["external non-member, public", { visibility: "public", isExternal: true }, true],
    ["registry disabled, owner", { level: 50, registryAccessLevel: "disabled" }, false],
    ["registry disabled, admin", { isAdmin: true, registryAccessLevel: "disabled" }, false],
    [
      "registry disabled, public project",
      { visibility: "public", registryAccessLevel: "disabled" },
      false,
    ],
    [
      "registry private, public project, non-member",
      { visibility: "public", registryAccessLevel: "private" },
      false,
    ],
    [
      "registry private, guest",
      { visibility: "public", registryAccessLevel: "private", level: 10 },
      false,
    ],
    ["registry private, reporter", { registryAccessLevel: "private", level: 20 }, true],
    ["registry private, admin", { registryAccessLevel: "private", isAdmin: true }, true],
    [
      "registry public, external non-member",
      { registryAccessLevel: "public", isExternal: true },
      true,
    ],
  ] as [string, Partial<ProjectReadContext>, boolean][])("%s → %s", (_d, over, expected) => {
    expect(read(over)).toBe(expected);
  });
});

describe("whoCan", () => {
  it("names the roles that may act", () => {
    expect(whoCan("delete_package", "project")).toBe("Maintainers and Owners can delete packages.");
    expect(whoCan("publish", "project")).toBe(
      "Developers, Maintainers and Owners can publish packages.",
    );
    expect(whoCan("manage_package_settings", "group")).toBe(
      "Only Owners can manage package settings.",
    );
    expect(whoCan("manage_retention", "group")).toBe("Only Owners can manage retention policies.");
    expect(whoCan("publish", "group")).toMatch(/never published to a group/);
    expect(whoCan("pull", "group")).toBe(
      "Reporters, Developers, Maintainers and Owners can pull packages.",
    );
  });
});

describe("properties", () => {
  const action = fc.constantFrom(...PACKAGE_ACTIONS);
  const level = fc.integer({ min: 0, max: 60 });

  it("is monotonic in role level", () => {
    fc.assert(
      fc.property(action, level, level, fc.boolean(), (a, l1, l2, group) => {
        const [lo, hi] = l1 <= l2 ? [l1, l2] : [l2, l1];
        const can = group ? canOnGroup : canOnProject;
        if (can(a, { level: lo })) expect(can(a, { level: hi })).toBe(true);
      }),
    );
  });

  it("reading is monotonic in level and never allowed with the registry disabled", () => {
    const ctx = fc.record({
      visibility: fc.constantFrom("public", "internal", "private" as const),
      registryAccessLevel: fc.constantFrom("disabled", "private", "enabled", "public" as const),
      level: fc.option(level, { nil: null }),
      isAdmin: fc.boolean(),
      isExternal: fc.boolean(),
      signedIn: fc.boolean(),
    });
    fc.assert(
      fc.property(ctx, level, (c, extra) => {
        const ok = canReadProjectPackages(c);
        if (c.registryAccessLevel === "disabled") expect(ok).toBe(false);
        if (ok && c.level !== null) {
          expect(canReadProjectPackages({ ...c, level: Math.max(c.level, extra) })).toBe(true);
        }
        if (ok) expect(canReadProjectPackages({ ...c, isExternal: false })).toBe(true);
      }),
    );
  });
});

// The guide's tables verbatim (seed/package-registry-guide.txt). Its rendering drops empty
// cells, so a row's n marks are the n highest roles; this parses the literal text so the data
// above cannot drift from what the guide says.
const GUIDE_TEXT = {
  project: [
    "| Pull package | x | x | x | x | x | x |",
    "| Publish package | x | x | x | |||",
    "| Delete Package | x | x | ||||",
    "| Delete files associated with a package | x | x |",
  ],
  group: [
    "| Pull package | x | x | x | x | ||",
    "| Publish package | x | x | x | |||",
    "| Delete Package | x | x | ||||",
    "| Manage package settings | x |",
  ],
} as const;

describe.each(["project", "group"] as const)(
  "the guide's %s table, parsed from its text",
  (scope) => {
    const can = scope === "project" ? canOnProject : canOnGroup;
    GUIDE_TEXT[scope].forEach((line, i) => {
      const action = GUIDE_ROWS[scope][i];
      const label = line.split("|")[1].trim();
      const marks = line.split("|").filter((c) => c.trim() === "x").length;
      it(`"${label}" → ${action}: the ${marks} highest roles`, () => {
        expect(label.toLowerCase()).toBe(ACTION_LABELS[action].toLowerCase());
        ROLES.forEach((role, r) => {
          expect(can(action, { level: LEVEL[role] }), `${role}`).toBe(r >= ROLES.length - marks);
        });
      });
    });
  },
);
