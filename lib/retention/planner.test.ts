import { describe, expect, it } from "vitest";
import { policyInputSchema, type PolicyInput } from "@/lib/validations/retention";
import { planRetention } from "./planner";
import type { CatalogVersion } from "./types";

// One table per rule, then their AND, then the protections and keep_duplicate_files.

const NOW = new Date("2026-06-01T00:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

let nextId = 1;
function v(
  version: string | null,
  o: Partial<CatalogVersion> & { age?: number; dl?: number | null } = {},
): CatalogVersion {
  const { age = 10, dl = null, ...rest } = o;
  return {
    packageId: nextId++,
    projectId: 7,
    groupPathIds: [1, 2],
    name: "lib",
    version,
    packageType: "npm",
    status: "default",
    createdAt: daysAgo(age),
    lastDownloadedAt: dl === null ? null : daysAgo(dl),
    sizeBytes: 100,
    ...rest,
  };
}

const policy = (p: Partial<PolicyInput>) =>
  policyInputSchema.parse({
    name: "t",
    scope: { type: "group", id: 1 },
    keep_newest: false,
    ...p,
  });

const deleted = (rows: CatalogVersion[], p: Partial<PolicyInput>) =>
  planRetention(rows, policy(p), NOW)
    .delete.map((d) => d.version)
    .sort();

describe("keep_latest", () => {
  const rows = [v("1.0.0"), v("1.10.0"), v("1.2.0"), v("2.0.0-rc.1"), v("2.0.0"), v("0.9.0")];
  it.each([
    [1, ["0.9.0", "1.0.0", "1.10.0", "1.2.0", "2.0.0-rc.1"]],
    [2, ["0.9.0", "1.0.0", "1.2.0", "1.10.0"].sort()],
    [4, ["0.9.0", "1.0.0"]],
    [6, []],
    [9, []],
  ])("keep_latest %i deletes %j (semver order, not text order)", (n, expected) => {
    expect(deleted(rows, { keep_latest: n })).toEqual([...expected].sort());
  });

  it("counts per package: same name in another project or type is another package", () => {
    const mixed = [
      v("1.0.0"),
      v("2.0.0"),
      v("1.0.0", { projectId: 8 }),
      v("1.0", { packageType: "pypi" }),
      v("2.0", { packageType: "pypi" }),
    ];
    const plan = planRetention(mixed, policy({ keep_latest: 1 }), NOW);
    expect(plan.delete.map((d) => `${d.project_id}/${d.package_type}/${d.version}`).sort()).toEqual(
      ["7/npm/1.0.0", "7/pypi/1.0"],
    );
  });

  it.each([
    ["maven", ["1.0-SNAPSHOT", "1.0", "1.1-SNAPSHOT", "1.1"], ["1.0", "1.0-SNAPSHOT"]],
    ["pypi", ["1.0", "1.0.post1", "1.0rc1", "0.9"], ["0.9", "1.0rc1"]],
    ["nuget", ["1.0.0", "1.0.0-beta", "1.0.1", "0.1.0"], ["0.1.0", "1.0.0-beta"]],
  ])("uses %s's own order", (type, versions, expected) => {
    const rows = versions.map((x) => v(x, { packageType: type, name: `p-${type}` }));
    expect(deleted(rows, { keep_latest: 2 })).toEqual([...expected].sort());
  });

  it("orders versions that do not parse by creation time, below every valid one", () => {
    const rows = [v("nightly-b", { age: 1 }), v("nightly-a", { age: 5 }), v("1.0.0", { age: 30 })];
    expect(deleted(rows, { keep_latest: 2 })).toEqual(["nightly-a"]);
  });
});

describe("older_than_days", () => {
  const rows = [v("1.0.0", { age: 400 }), v("1.1.0", { age: 181 }), v("1.2.0", { age: 180 })];
  it.each([
    [180, ["1.0.0", "1.1.0"]],
    [365, ["1.0.0"]],
    [500, []],
  ])("older than %i days deletes %j", (d, expected) => {
    expect(deleted(rows, { older_than_days: d })).toEqual(expected);
  });
});

describe("not_downloaded_days", () => {
  const rows = [v("1.0.0", { dl: null }), v("1.1.0", { dl: 100 }), v("1.2.0", { dl: 5 })];
  it.each([
    [90, ["1.0.0", "1.1.0"]],
    [200, ["1.0.0"]],
    [1, ["1.0.0", "1.1.0", "1.2.0"]],
  ])("not downloaded for %i days deletes %j (never counts as not downloaded)", (d, expected) => {
    expect(deleted(rows, { not_downloaded_days: d })).toEqual(expected);
  });
});

describe("rules combine with AND", () => {
  const rows = [
    v("1.0.0", { age: 400, dl: null }), // old, never pulled, low
    v("1.1.0", { age: 400, dl: 3 }), // old but pulled recently
    v("1.2.0", { age: 20, dl: null }), // young
    v("1.3.0", { age: 400, dl: null }), // old, never pulled, but second highest
    v("1.4.0", { age: 400, dl: null }), // highest
  ];
  it.each<[Partial<PolicyInput>, string[]]>([
    [{ keep_latest: 2 }, ["1.0.0", "1.1.0", "1.2.0"]],
    [{ keep_latest: 2, older_than_days: 90 }, ["1.0.0", "1.1.0"]],
    [{ keep_latest: 2, older_than_days: 90, not_downloaded_days: 30 }, ["1.0.0"]],
    [{ older_than_days: 90, not_downloaded_days: 30 }, ["1.0.0", "1.3.0", "1.4.0"]],
  ])("%j deletes %j", (rules, expected) => {
    expect(deleted(rows, rules)).toEqual(expected);
  });

  it("gives every agreeing rule as the reason, and the first disagreeing one for a keep", () => {
    const plan = planRetention(
      rows,
      policy({ keep_latest: 2, older_than_days: 90, not_downloaded_days: 30 }),
      NOW,
    );
    expect(plan.delete[0].reason).toBe(
      "not among the 2 highest (#5); published 400 days ago; never downloaded",
    );
    const keep = Object.fromEntries(plan.keep.map((k) => [k.version, k.reason]));
    expect(keep["1.1.0"]).toBe("downloaded 3 days ago");
    expect(keep["1.2.0"]).toBe("published 20 days ago");
    expect(keep["1.4.0"]).toBe("among the 2 highest (#1)");
    expect(plan.bytes).toBe(100);
  });
});

describe("protections and filters", () => {
  const rows = [
    v("1.0.0", { age: 400 }),
    v("1.1.0-beta.1", { age: 400 }),
    v("2.0.0", { age: 400 }),
    v("3.0.0", { age: 400 }),
  ];
  it("keep_newest protects the highest version", () => {
    const plan = planRetention(rows, policy({ older_than_days: 30, keep_newest: true }), NOW);
    expect(plan.delete.map((d) => d.version).sort()).toEqual(["1.0.0", "1.1.0-beta.1", "2.0.0"]);
    expect(plan.keep).toEqual([
      expect.objectContaining({ version: "3.0.0", reason: expect.stringMatching(/newest/) }),
    ]);
  });
  it("protect_pattern protects matching versions", () => {
    expect(deleted(rows, { older_than_days: 30, protect_pattern: "2.*" })).toEqual([
      "1.0.0",
      "1.1.0-beta.1",
      "3.0.0",
    ]);
  });
  it("prerelease_only and version_pattern narrow the candidates", () => {
    expect(deleted(rows, { older_than_days: 30, prerelease_only: true })).toEqual(["1.1.0-beta.1"]);
    expect(deleted(rows, { older_than_days: 30, version_pattern: "1.*" })).toEqual([
      "1.0.0",
      "1.1.0-beta.1",
    ]);
  });
  it("name_pattern, package_types and scope narrow the candidates", () => {
    const more = [
      ...rows,
      v("1.0.0", { name: "@acme/ui", age: 400 }),
      v("1.0", { name: "lib", packageType: "pypi", age: 400 }),
      v("1.0.0", { projectId: 99, groupPathIds: [5], age: 400 }),
    ];
    const p = { older_than_days: 30 };
    expect(deleted(more, { ...p, name_pattern: "@acme/*" })).toEqual(["1.0.0"]);
    expect(deleted(more, { ...p, package_types: ["pypi"] })).toEqual(["1.0"]);
    expect(deleted(more, { ...p, scope: { type: "project", id: 99 } })).toEqual(["1.0.0"]);
    expect(deleted(more, { ...p, scope: { type: "group", id: 2 } })).toHaveLength(6);
  });
  it("never touches versions GitLab is already destroying or still processing", () => {
    const r = [v("1.0.0", { age: 400, status: "pending_destruction" }), v("1.1.0", { age: 400 })];
    expect(deleted(r, { older_than_days: 30 })).toEqual(["1.1.0"]);
  });
});

describe("keep_duplicate_files", () => {
  const file = (id: number, fileName: string, age: number, size = 10) => ({
    id,
    fileName,
    size,
    createdAt: daysAgo(age),
  });
  const row = v("1.0-SNAPSHOT", {
    packageType: "maven",
    files: [
      file(1, "app.jar", 3),
      file(2, "app.jar", 2),
      file(3, "app.jar", 1),
      file(4, "app.pom", 3),
      file(5, "app.pom", 1),
      file(6, "maven-metadata.xml", 1),
    ],
  });
  it("keeps the newest N files of each name inside a kept version", () => {
    const plan = planRetention([row], policy({ keep_duplicate_files: 1 }), NOW);
    expect(plan.delete).toEqual([]);
    expect(plan.delete_files.map((f) => f.file_id).sort()).toEqual([1, 2, 4]);
    expect(plan.bytes).toBe(30);
    const two = planRetention([row], policy({ keep_duplicate_files: 2 }), NOW);
    expect(two.delete_files.map((f) => f.file_id)).toEqual([1]);
  });
  it("does not also list the files of a version it deletes", () => {
    const plan = planRetention(
      [{ ...row, createdAt: daysAgo(400) }],
      policy({ keep_duplicate_files: 1, older_than_days: 30 }),
      NOW,
    );
    expect(plan.delete).toHaveLength(1);
    expect(plan.delete_files).toEqual([]);
  });
});
