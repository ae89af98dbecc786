import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  PACKAGE_TYPES,
  compareVersions,
  isPrerelease,
  sortVersionsDesc,
  type PackageType,
} from "./index";

const num = fc.integer({ min: 0, max: 12 }).map(String);
const word = fc.constantFrom(
  "alpha",
  "a",
  "beta",
  "b",
  "rc",
  "cr",
  "dev",
  "post",
  "SNAPSHOT",
  "snapshot",
  "ga",
  "final",
  "sp",
  "milestone",
  "m",
  "abc",
  "Preview",
  "x",
  "",
);
const sep = fc.constantFrom(".", "-", "", "+", "_");

/** Version-like strings mixing valid and invalid shapes for every ecosystem. */
const versionLike = fc
  .array(fc.oneof(num, num, word), { minLength: 1, maxLength: 6 })
  .chain((parts) =>
    fc
      .array(sep, { minLength: parts.length, maxLength: parts.length })
      .map((seps) => parts.map((p, i) => (i === 0 ? p : seps[i] + p)).join("")),
  );
const semverLike = fc
  .tuple(
    num,
    num,
    num,
    fc.option(fc.array(fc.oneof(num, word.filter(Boolean)), { minLength: 1, maxLength: 3 })),
  )
  .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre.join(".")}` : ""}`);
const anyVersion = fc.oneof(
  versionLike,
  semverLike,
  fc.string({ maxLength: 8 }),
  fc.constant(null),
);
const type = fc.constantFrom<PackageType | "conan">(...PACKAGE_TYPES, "conan");
const typeButMaven = fc.constantFrom<PackageType | "conan">(
  ...PACKAGE_TYPES.filter((t) => t !== "maven"),
  "conan",
);

describe("compareVersions", () => {
  it("sorts missing versions lowest", () => {
    expect(compareVersions("npm", null, "0.0.1")).toBe(-1);
    expect(compareVersions("maven", "1", null)).toBe(1);
    expect(compareVersions("pypi", null, null)).toBe(0);
    expect(compareVersions("nuget", "", "1.0")).toBe(-1);
  });

  it("dispatches by ecosystem", () => {
    expect(compareVersions("maven", "1.0-SNAPSHOT", "1.0")).toBe(-1);
    expect(compareVersions("maven", "1.0-sp1", "1.0")).toBe(1);
    expect(compareVersions("pypi", "1.0.post1", "1.0")).toBe(1);
    expect(compareVersions("npm", "1.0.0-rc.1", "1.0.0")).toBe(-1);
    expect(compareVersions("nuget", "1.0", "1.0.0.0")).toBe(0);
    expect(compareVersions("generic", "1.10", "1.9")).toBe(1);
  });

  it("falls back to the natural order for unknown package types", () => {
    expect(compareVersions("helm", "0.10.0", "0.9.0")).toBe(1);
    expect(isPrerelease("conan", "1.0.0-beta")).toBe(true);
  });

  it("is antisymmetric for every ecosystem", () => {
    fc.assert(
      fc.property(type, anyVersion, anyVersion, (t, a, b) => {
        expect(compareVersions(t, a, b)).toBe(-compareVersions(t, b, a) || 0);
      }),
      { numRuns: 3000 },
    );
  });

  // Maven's own ComparableVersion (3.9) is not transitive on every string, and the port keeps
  // Maven's order: 0.alpha < 0 < "!" yet 0.alpha > "!" (a number outranks a qualifier item
  // wherever they meet, while "0" normalises to nothing and "!" is an unknown qualifier above
  // release). Random triples hit such cases now and then (digit-led ones too: "0+0",
  // "0.SNAPSHOT.4.abc", "0"), which made this property fail at random; Maven is held to its
  // documented order in maven.test.ts and to the known intransitive triple below.
  it("is transitive for every ecosystem but Maven", () => {
    fc.assert(
      fc.property(typeButMaven, anyVersion, anyVersion, anyVersion, (t, a, b, c) => {
        const ab = compareVersions(t, a, b);
        const bc = compareVersions(t, b, c);
        const ac = compareVersions(t, a, c);
        if (ab <= 0 && bc <= 0) expect(ac).toBeLessThanOrEqual(0);
        if (ab < 0 && bc <= 0) expect(ac).toBe(-1);
        if (ab === 0 && bc === 0) expect(ac).toBe(0);
      }),
      { numRuns: 5000 },
    );
  });

  it("keeps Maven's own intransitive order where Maven has one", () => {
    expect(compareVersions("maven", "0.alpha", "0")).toBe(-1);
    expect(compareVersions("maven", "0", "!")).toBe(-1);
    expect(compareVersions("maven", "0.alpha", "!")).toBe(1);
  });
});

describe("isPrerelease", () => {
  it.each([
    ["npm", "1.0.0-rc.1", true],
    ["npm", "1.0.0", false],
    ["pypi", "2.0b1", true],
    ["pypi", "2.0.post1", false],
    ["maven", "1.0-SNAPSHOT", true],
    ["maven", "1.0.Final", false],
    ["nuget", "1.0.0-preview", true],
    ["generic", "1.0.0", false],
  ] as const)("%s %s → %s", (t, v, expected) => expect(isPrerelease(t, v)).toBe(expected));
  it("is false without a version", () => expect(isPrerelease("npm", null)).toBe(false));
});

describe("sortVersionsDesc", () => {
  type Row = { id: number; version: string | null; createdAt: string };

  it("puts the highest version first, equal versions newest first, missing last", () => {
    const rows: Row[] = [
      { id: 1, version: "1.0.0", createdAt: "2024-01-01T00:00:00Z" },
      { id: 2, version: "1.10.0", createdAt: "2024-01-02T00:00:00Z" },
      { id: 3, version: null, createdAt: "2024-01-03T00:00:00Z" },
      { id: 4, version: "1.0.0", createdAt: "2024-02-01T00:00:00Z" },
      { id: 5, version: "1.2.0-beta", createdAt: "2024-01-04T00:00:00Z" },
    ];
    const sorted = sortVersionsDesc(
      "npm",
      rows,
      (r) => r.version,
      (r) => r.createdAt,
    );
    expect(sorted.map((r) => r.id)).toEqual([2, 5, 4, 1, 3]);
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]); // input untouched
  });

  it("is ordered by version, then created_at, and stable for full ties", () => {
    const row = fc.record({
      version: fc.option(fc.constantFrom("1.0", "1.0.0", "2.0-SNAPSHOT", "2.0", "1.0-rc1", "x"), {
        nil: null,
      }),
      createdAt: fc.constantFrom("2024-01-01", "2024-06-01", null),
    });
    fc.assert(
      fc.property(type, fc.array(row, { maxLength: 30 }), (t, rows) => {
        const items = rows.map((r, i) => ({ ...r, i }));
        const sorted = sortVersionsDesc(
          t,
          items,
          (r) => r.version,
          (r) => r.createdAt,
        );
        expect(sorted).toHaveLength(items.length);
        for (let k = 1; k < sorted.length; k++) {
          const [p, q] = [sorted[k - 1], sorted[k]];
          const byVersion = compareVersions(t, p.version, q.version);
          expect(byVersion).toBeGreaterThanOrEqual(0);
          if (byVersion === 0) {
            const tp = p.createdAt ? Date.parse(p.createdAt) : -Infinity;
            const tq = q.createdAt ? Date.parse(q.createdAt) : -Infinity;
            expect(tp).toBeGreaterThanOrEqual(tq);
            if (tp === tq) expect(p.i).toBeLessThan(q.i);
          }
        }
      }),
    );
  });
});
