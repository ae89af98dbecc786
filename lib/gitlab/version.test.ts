import { describe, expect, it } from "vitest";
import { catalogQuerySchema } from "@/lib/validations/catalog";
import { atLeast, memberAccessLevels, parseRelease } from "./version";

describe("GitLab release", () => {
  it("parses what /metadata answers, editions and pre-releases included", () => {
    expect(parseRelease("17.5.0-ee")).toMatchObject({ major: 17, minor: 5 });
    expect(parseRelease("18.6.0-pre")).toMatchObject({ major: 18, minor: 6 });
    expect(parseRelease(undefined)).toBeNull();
    expect(parseRelease("unknown")).toBeNull();
  });

  it("asks min_access_level=15 only from 17.7, and not when the release is unknown", () => {
    expect(memberAccessLevels(parseRelease("17.6.3"))).toEqual([10, 20, 30, 40, 50]);
    expect(memberAccessLevels(parseRelease("16.11.0"))).toEqual([10, 20, 30, 40, 50]);
    expect(memberAccessLevels(null)).toEqual([10, 20, 30, 40, 50]);
    expect(memberAccessLevels(parseRelease("17.7.0"))).toContain(15);
    expect(memberAccessLevels(parseRelease("18.0.0"))).toContain(15);
    expect(atLeast(parseRelease("17.10.0"), 17, 10)).toBe(true);
    expect(atLeast(parseRelease("17.9.9"), 17, 10)).toBe(false);
  });
});

describe("catalog search text", () => {
  it("refuses NUL and the replacement character that broken UTF-8 decodes to", () => {
    expect(catalogQuerySchema.safeParse({ q: "a\u0000b" }).success).toBe(false);
    expect(catalogQuerySchema.safeParse({ q: "\uFFFD" }).success).toBe(false);
    expect(catalogQuerySchema.safeParse({ q: "été" }).success).toBe(true);
  });
});
