import { describe, expect, it } from "vitest";
import { comparePypi, isPypiPrerelease } from "./pypi";

describe("PyPI (PEP 440) version order", () => {
  it("follows PEP 440", () => {
    const ascending = [
      "1.0.dev0",
      "1.0a1",
      "1.0a2.dev1",
      "1.0a2",
      "1.0b1",
      "1.0rc1",
      "1.0",
      "1.0+local.1",
      "1.0.post1",
      "1.0.1",
      "1.1",
      "1.10",
      "2!0.1",
    ];
    for (let i = 0; i < ascending.length; i++) {
      for (let j = i + 1; j < ascending.length; j++) {
        expect(comparePypi(ascending[i], ascending[j]), `${ascending[i]} < ${ascending[j]}`).toBe(
          -1,
        );
        expect(comparePypi(ascending[j], ascending[i])).toBe(1);
      }
    }
  });

  it("normalises spellings", () => {
    expect(comparePypi("1.0", "1.0.0")).toBe(0);
    expect(comparePypi("1.0alpha1", "1.0a1")).toBe(0);
    expect(comparePypi("1.0-c1", "1.0rc1")).toBe(0);
  });

  it("puts invalid versions below valid ones", () => {
    expect(comparePypi("not a version", "0.0.1")).toBe(-1);
  });

  it("detects a/b/rc/dev as prereleases, not post releases", () => {
    for (const v of ["1.0a1", "1.0b2", "1.0rc1", "1.0.dev3"])
      expect(isPypiPrerelease(v), v).toBe(true);
    for (const v of ["1.0", "1.0.post1", "1.0+local"]) expect(isPypiPrerelease(v), v).toBe(false);
  });
});
