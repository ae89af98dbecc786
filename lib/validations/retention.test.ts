import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { returnsWithin } from "@/lib/testing/returns-within";
import { fieldErrors, NO_RULE_MESSAGE, policyInputSchema } from "./retention";

const base = { name: "p", scope: { type: "group", id: 1 }, keep_latest: 3 };

describe("policy document validation", () => {
  it("fills the defaults of DESIGN.md's document", () => {
    expect(policyInputSchema.parse(base)).toEqual({
      ...base,
      package_types: [],
      name_pattern: null,
      version_pattern: null,
      prerelease_only: false,
      older_than_days: null,
      not_downloaded_days: null,
      keep_duplicate_files: null,
      protect_pattern: null,
      keep_newest: true,
      mode: "dry_run",
      enabled: true,
    });
  });

  it("names every bad field with its own message", () => {
    const r = policyInputSchema.safeParse({
      name: " ",
      scope: { type: "team", id: 0 },
      package_types: ["rubygems"],
      keep_latest: 1.5,
      older_than_days: 0,
      protect_pattern: "[1.0",
      mode: "delete",
      surprise: true,
    });
    expect(r.success).toBe(false);
    const errors = fieldErrors(r.error!);
    expect(Object.keys(errors).sort()).toEqual(
      [
        "",
        "keep_latest",
        "mode",
        "name",
        "older_than_days",
        "package_types.0",
        "protect_pattern",
        "scope.id",
        "scope.type",
      ]
        .map((k) => k || "policy")
        .sort(),
    );
    expect(errors.protect_pattern).toBe("protect_pattern is not a valid glob");
    expect(errors.older_than_days).toBe("older_than_days must be at least 1 day");
  });

  it("refuses a policy without any rule, with the reason", () => {
    const r = policyInputSchema.safeParse({ name: "p", scope: { type: "project", id: 2 } });
    expect(r.success).toBe(false);
    expect(fieldErrors(r.error!)).toEqual({ rules: NO_RULE_MESSAGE });
    // keep_duplicate_files alone is a rule (it deletes files, never versions).
    expect(
      policyInputSchema.safeParse({ ...base, keep_latest: null, keep_duplicate_files: 1 }).success,
    ).toBe(true);
  });
});

describe("policy globs", () => {
  const GLOBS = ["name_pattern", "version_pattern", "protect_pattern"] as const;
  const validate = (field: (typeof GLOBS)[number], value: string) =>
    returnsWithin(1_000, () => policyInputSchema.safeParse({ ...base, [field]: value }));

  it("refuses a backslash, even where picomatch would never return", () => {
    // picomatch.makeRe loops for ever on each of these (a glob ending in four backslashes).
    for (const value of ["(\\\\\\\\", "@scope/\\\\\\\\", "*\\\\\\\\", "1.\\*"])
      for (const field of GLOBS) {
        const r = validate(field, value);
        expect(r.success, `${field}: ${value}`).toBe(false);
        expect(fieldErrors(r.error!)).toEqual({
          [field]: `${field} cannot contain a backslash: package names and versions never need escaping`,
        });
      }
  });

  it("answers at once for any short pattern", { timeout: 30_000 }, () => {
    // Whatever someone types into the editor (which validates on every keystroke) or sends to
    // the API: an answer, never a hung tab or worker.
    // Single characters, and runs picomatch treats specially (the backslashes that hung it).
    const chars = fc.constantFrom(
      ...'ab1.-/_%\\*?[]{},()!@+|^$ "é:~='.split(""),
      ..."\\\\\\\\ ** +( *( !( @( ?( [[:".split(" "),
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }), (a) => {
        const r = validate("name_pattern", a.join(""));
        expect(typeof r.success).toBe("boolean");
      }),
      { numRuns: 3_000 },
    );
  });

  it("takes the globs package names and versions need", () => {
    for (const value of ["@platon/*", "*-SNAPSHOT", "1.*", "+(a|b)", "{alpha,beta}-*", "[0-9]*"])
      expect(validate("name_pattern", value).success, value).toBe(true);
  });
});

describe("PORTAL_RETENTION_BUDGET", () => {
  it("defaults to 500 and must be a positive whole number", () => {
    expect(parseEnv({}).retentionBudget).toBe(500);
    expect(parseEnv({ PORTAL_RETENTION_BUDGET: "25" }).retentionBudget).toBe(25);
    expect(() => parseEnv({ PORTAL_RETENTION_BUDGET: "0" })).toThrow(/PORTAL_RETENTION_BUDGET/);
  });
});
