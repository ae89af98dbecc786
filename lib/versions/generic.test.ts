import { describe, expect, it } from "vitest";
import semver from "semver";
import { compareGeneric, isGenericPrerelease } from "./generic";

describe("generic natural version order", () => {
  it("compares numeric runs as numbers", () => {
    const ascending = ["1", "1.2", "1.9", "1.10", "2", "2024.1.5", "2024.01.15", "2024.12.1"];
    for (let i = 0; i < ascending.length; i++) {
      for (let j = i + 1; j < ascending.length; j++) {
        expect(
          compareGeneric(ascending[i], ascending[j]),
          `${ascending[i]} < ${ascending[j]}`,
        ).toBe(-1);
      }
    }
  });

  it("agrees with SemVer on SemVer-shaped versions", () => {
    const versions = [
      "0.1.0",
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-alpha.beta",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "1.0.0",
      "1.0.1",
      "1.2.0",
      "1.10.0",
      "2.0.0",
      "10.0.0",
    ];
    for (const a of versions) {
      for (const b of versions)
        expect(compareGeneric(a, b), `${a} vs ${b}`).toBe(semver.compare(a, b));
    }
  });

  it("ignores a leading v and build metadata", () => {
    expect(compareGeneric("v1.2.3", "1.2.3")).toBe(0);
    expect(compareGeneric("1.2.3+linux", "1.2.3+win")).toBe(0);
  });

  it("detects prereleases heuristically", () => {
    for (const v of ["1.0.0-rc1", "2.0-beta", "nightly-2024", "1.0.0.dev3"]) {
      expect(isGenericPrerelease(v), v).toBe(true);
    }
    for (const v of ["1.0.0", "2024.01.15", "1.0.0+build"])
      expect(isGenericPrerelease(v), v).toBe(false);
  });
});
