import { describe, expect, it } from "vitest";
import { compareNuGet, isNuGetPrerelease, isValidNuGetVersion } from "./nuget";

describe("NuGet version order", () => {
  it("treats missing numeric parts as zero", () => {
    for (const v of ["1.0.0", "1.0.0.0", "1.0", "1", "01.0.0"])
      expect(compareNuGet("1.0", v), v).toBe(0);
    expect(compareNuGet("1.0.0.1", "1.0.0")).toBe(1);
  });

  it("orders ascending like NuGetVersion", () => {
    const ascending = [
      "0.9.9",
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-alpha.beta",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "1.0.0",
      "1.0.0.1",
      "1.0.1-preview",
      "1.0.1",
      "1.2.0",
      "1.10.0",
      "2.0.0.0",
      "10.0.0",
    ];
    for (let i = 0; i < ascending.length; i++) {
      for (let j = i + 1; j < ascending.length; j++) {
        expect(compareNuGet(ascending[i], ascending[j]), `${ascending[i]} < ${ascending[j]}`).toBe(
          -1,
        );
        expect(compareNuGet(ascending[j], ascending[i])).toBe(1);
      }
    }
  });

  it("compares labels case-insensitively and ignores metadata", () => {
    expect(compareNuGet("1.0.0-BETA", "1.0.0-beta")).toBe(0);
    expect(compareNuGet("1.0.0-Beta.2", "1.0.0-beta.10")).toBe(-1);
    expect(compareNuGet("1.0.0+build.5", "1.0.0+other")).toBe(0);
    expect(compareNuGet("1.0.0-rc.1+abc", "1.0.0-RC.1")).toBe(0);
  });

  it("compares numeric labels by value and below alphanumeric ones", () => {
    expect(compareNuGet("1.0.0-2", "1.0.0-10")).toBe(-1);
    expect(compareNuGet("1.0.0-10", "1.0.0-a")).toBe(-1);
  });

  it("puts versions it cannot parse below valid ones", () => {
    expect(isValidNuGetVersion("1.0.0.0.0")).toBe(false);
    expect(isValidNuGetVersion("v1.0")).toBe(false);
    expect(compareNuGet("latest", "0.0.1")).toBe(-1);
    expect(compareNuGet("1.0.0.0.0", "0.0.1")).toBe(-1);
  });

  it("detects prereleases", () => {
    expect(isNuGetPrerelease("1.0.0-preview.3")).toBe(true);
    expect(isNuGetPrerelease("1.0.0")).toBe(false);
    expect(isNuGetPrerelease("1.0.0+meta")).toBe(false);
  });
});
