import { describe, expect, it } from "vitest";
import { compareNpm, isNpmPrerelease } from "./npm";

describe("npm version order", () => {
  it("follows SemVer precedence", () => {
    const ascending = [
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
    ];
    for (let i = 0; i < ascending.length; i++) {
      for (let j = i + 1; j < ascending.length; j++) {
        expect(compareNpm(ascending[i], ascending[j]), `${ascending[i]} < ${ascending[j]}`).toBe(
          -1,
        );
        expect(compareNpm(ascending[j], ascending[i])).toBe(1);
      }
    }
  });

  it("parses loosely and ignores build metadata", () => {
    expect(compareNpm("v1.2.3", "1.2.3")).toBe(0);
    expect(compareNpm("=1.2.3", "1.2.3")).toBe(0);
    expect(compareNpm("1.2.3+build.1", "1.2.3+build.2")).toBe(0);
  });

  it("puts invalid versions below valid ones, naturally ordered among themselves", () => {
    expect(compareNpm("latest", "0.0.1")).toBe(-1);
    expect(compareNpm("1.2", "0.0.1")).toBe(-1);
    expect(compareNpm("1.10", "1.9")).toBe(1);
  });

  it("detects prereleases", () => {
    expect(isNpmPrerelease("1.0.0-rc.1")).toBe(true);
    expect(isNpmPrerelease("1.0.0")).toBe(false);
  });
});
