import { describe, expect, it } from "vitest";
import { compareMaven, isMavenPrerelease, mavenCanonical } from "./maven";

// Vectors from Maven 3.9's ComparableVersionTest (maven-artifact).
const VERSIONS_QUALIFIER = [
  "1-alpha2snapshot",
  "1-alpha2",
  "1-alpha-123",
  "1-beta-2",
  "1-beta123",
  "1-m2",
  "1-m11",
  "1-rc",
  "1-cr2",
  "1-rc123",
  "1-SNAPSHOT",
  "1",
  "1-sp",
  "1-sp2",
  "1-sp123",
  "1-abc",
  "1-def",
  "1-pom-1",
  "1-1-snapshot",
  "1-1",
  "1-2",
  "1-123",
];
const VERSIONS_NUMBER = [
  "2.0",
  "2.0.a",
  "2-1",
  "2.0.2",
  "2.0.123",
  "2.1.0",
  "2.1-a",
  "2.1b",
  "2.1-c",
  "2.1-1",
  "2.1.0.1",
  "2.2",
  "2.123",
  "11.a2",
  "11.a11",
  "11.b2",
  "11.b11",
  "11.m2",
  "11.m11",
  "11",
  "11.a",
  "11b",
  "11c",
  "11m",
];

function expectCanonicalStable(v: string) {
  const canonical = mavenCanonical(v);
  expect(mavenCanonical(canonical), `canonical(${v}) = ${canonical}`).toBe(canonical);
}

function checkOrder(lo: string, hi: string) {
  expectCanonicalStable(lo);
  expectCanonicalStable(hi);
  expect(compareMaven(lo, hi), `${lo} < ${hi}`).toBe(-1);
  expect(compareMaven(hi, lo), `${hi} > ${lo}`).toBe(1);
}

function checkEqual(a: string, b: string) {
  expect(compareMaven(a, b), `${a} == ${b}`).toBe(0);
  expect(compareMaven(b, a), `${b} == ${a}`).toBe(0);
}

function checkArrayOrder(versions: string[]) {
  for (let i = 1; i < versions.length; i++) {
    for (let j = i; j < versions.length; j++) checkOrder(versions[i - 1], versions[j]);
  }
}

describe("Maven ComparableVersion", () => {
  it("testVersionsQualifier", () => checkArrayOrder(VERSIONS_QUALIFIER));
  it("testVersionsNumber", () => checkArrayOrder(VERSIONS_NUMBER));

  it("testVersionsEqual", () => {
    const pairs: [string, string][] = [
      ["1", "1"],
      ["1", "1.0"],
      ["1", "1.0.0"],
      ["1.0", "1.0.0"],
      ["1", "1-0"],
      ["1", "1.0-0"],
      ["1.0", "1.0-0"],
      // no separator between number and character
      ["1a", "1-a"],
      ["1a", "1.0-a"],
      ["1a", "1.0.0-a"],
      ["1.0a", "1-a"],
      ["1.0.0a", "1-a"],
      ["1x", "1-x"],
      ["1x", "1.0-x"],
      ["1x", "1.0.0-x"],
      ["1.0x", "1-x"],
      ["1.0.0x", "1-x"],
      // aliases
      ["1ga", "1"],
      ["1release", "1"],
      ["1final", "1"],
      ["1cr", "1rc"],
      // special "aliases" a, b and m for alpha, beta and milestone
      ["1a1", "1-alpha-1"],
      ["1b2", "1-beta-2"],
      ["1m3", "1-milestone-3"],
      // case insensitive
      ["1X", "1x"],
      ["1A", "1a"],
      ["1B", "1b"],
      ["1M", "1m"],
      ["1Ga", "1"],
      ["1GA", "1"],
      ["1RELEASE", "1"],
      ["1release", "1"],
      ["1RELeaSE", "1"],
      ["1Final", "1"],
      ["1FinaL", "1"],
      ["1FINAL", "1"],
      ["1Cr", "1Rc"],
      ["1cR", "1rC"],
      ["1m3", "1Milestone3"],
      ["1m3", "1MileStone3"],
      ["1m3", "1MILESTONE3"],
    ];
    for (const [a, b] of pairs) checkEqual(a, b);
  });

  it("testVersionComparing", () => {
    const pairs: [string, string][] = [
      ["1", "2"],
      ["1.5", "2"],
      ["1", "2.5"],
      ["1.0", "1.1"],
      ["1.1", "1.2"],
      ["1.0.0", "1.1"],
      ["1.0.1", "1.1"],
      ["1.1", "1.2.0"],
      ["1.0-alpha-1", "1.0"],
      ["1.0-alpha-1", "1.0-alpha-2"],
      ["1.0-alpha-1", "1.0-beta-1"],
      ["1.0-beta-1", "1.0-SNAPSHOT"],
      ["1.0-SNAPSHOT", "1.0"],
      ["1.0-alpha-1-SNAPSHOT", "1.0-alpha-1"],
      ["1.0", "1.0-1"],
      ["1.0-1", "1.0-2"],
      ["1.0.0", "1.0-1"],
      ["2.0-1", "2.0.1"],
      ["2.0.1-klm", "2.0.1-lmn"],
      ["2.0.1", "2.0.1-xyz"],
      ["2.0.1", "2.0.1-123"],
      ["2.0.1-xyz", "2.0.1-123"],
    ];
    for (const [lo, hi] of pairs) checkOrder(lo, hi);
  });

  it("testMng5568 (transitivity with an unusual version)", () => {
    checkOrder("6.1.0rc3", "6.1.0");
    checkOrder("6.1.0rc3", "6.1H.5-beta");
    checkOrder("6.1.0", "6.1H.5-beta");
  });

  it("testMng6572 (numbers beyond int and long)", () => {
    const a = "20190126.230843";
    const b = "1234567890.12345";
    const c = "123456789012345.1H.5-beta";
    const d = "12345678901234567890.1H.5-beta";
    for (const [lo, hi] of [
      [a, b],
      [b, c],
      [a, c],
      [c, d],
      [b, d],
      [a, d],
    ])
      checkOrder(lo, hi);
  });

  it("testVersionEqualWithLeadingZeroes / testVersionZeroEqualWithLeadingZeroes", () => {
    for (const digit of ["1", "0"]) {
      const arr = Array.from({ length: 19 }, (_, i) => "0".repeat(18 - i) + digit);
      for (let i = 0; i < arr.length; i++)
        for (let j = i; j < arr.length; j++) checkEqual(arr[i], arr[j]);
    }
  });

  it("testMng6964", () => {
    checkOrder("1-0.alpha", "1");
    checkOrder("1-0.beta", "1");
    checkOrder("1-0.alpha", "1-0.beta");
  });

  it("testMng7644: 1.0.0.X1 < 1.0.0-X2 and 2.0.X == 2-X == 2.0.0.X", () => {
    for (const x of ["abc", "alpha", "a", "beta", "b", "def", "milestone", "m", "RC"]) {
      checkOrder(`1.0.0.${x}1`, `1.0.0-${x}2`);
      checkEqual(`2-${x}`, `2.0.${x}`);
      checkEqual(`2-${x}`, `2.0.0.${x}`);
      checkEqual(`2.0.${x}`, `2.0.0.${x}`);
    }
  });

  it("testLocaleIndependent", () => {
    checkEqual("1-abcdefghijklmnopqrstuvwxyz", "1-ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  });

  it("brief examples", () => {
    for (const v of ["2-0", "2.0.0", "2.0.0.0"]) checkEqual("2.0", v);
    checkArrayOrder(["1", "1.1", "1.2.3", "1.10"]);
  });

  it("canonical forms", () => {
    expect(mavenCanonical("1.0.0")).toBe("1");
    expect(mavenCanonical("1.0-alpha-1")).toBe("1-alpha-1");
    expect(mavenCanonical("1.0a1")).toBe("1-alpha-1");
  });

  it("detects prereleases", () => {
    for (const v of [
      "1.0-SNAPSHOT",
      "1.0-alpha-1",
      "2.0b3",
      "1-m2",
      "1.0-RC1",
      "1.0.CR2",
      "3.0-beta",
    ]) {
      expect(isMavenPrerelease(v), v).toBe(true);
    }
    for (const v of ["1.0", "1.0-sp1", "1.0.Final", "1.0-GA", "2.1-1", "1.0-abc", "11.a"]) {
      expect(isMavenPrerelease(v), v).toBe(false);
    }
  });
});
