import { describe, expect, it } from "vitest";
import { isValidVersion } from "./version-validity";

describe("isValidVersion", () => {
  it.each([
    ["npm", "1.2.3", true],
    ["npm", "1.2", false],
    ["npm", "v1.2.3-beta.1", true], // semver.valid accepts the v prefix and cleans it
    ["npm", "latest", false],
    ["pypi", "1.0rc1", true],
    ["pypi", "1.0-banana", false],
    ["nuget", "1.2.3.4", true],
    ["nuget", "1.2.3.4.5", false],
    ["maven", "1.0-SNAPSHOT", true],
    ["maven", "release 1", false],
    ["generic", "2024.01", false],
    ["generic", "1.0.0", true],
  ])("%s %s → %s", (type, version, expected) => {
    expect(isValidVersion(type, version)).toBe(expected);
  });
});
