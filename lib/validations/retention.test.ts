import fc from "fast-check";
import picomatch from "picomatch";
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
  const refusal = (field: (typeof GLOBS)[number], value: string) => {
    const r = validate(field, value);
    return r.success ? null : fieldErrors(r.error)[field];
  };

  it("refuses a backslash, even where picomatch would never return", () => {
    // picomatch.makeRe loops for ever on each of the first three (a glob ending in four
    // backslashes).
    for (const value of ["(\\\\\\\\", "@scope/\\\\\\\\", "*\\\\\\\\", "1.\\*"])
      for (const field of GLOBS)
        expect(refusal(field, value), `${field}: ${value}`).toBe(
          `${field} cannot contain a backslash: package names and versions never need escaping`,
        );
  });

  it("refuses what makes matching a name take seconds, saying why", () => {
    const cases: Array<[string, string]> = [
      [
        "*(ab|abab)",
        "cannot use ( ) or |: package names never hold them (for alternatives, use {a,b})",
      ],
      [
        "@(alpha|beta)-*",
        "cannot use ( ) or |: package names never hold them (for alternatives, use {a,b})",
      ],
      ["a|b", "cannot use ( ) or |: package names never hold them (for alternatives, use {a,b})"],
      ["*a*a*a*a*b", "may hold at most 3 * wildcards"],
      ["**/**", "may hold at most 3 * wildcards"],
      ["*{a,b}*{c,d}", "may hold at most one {…} set"],
      ["{a,b,c,d,e,f,g,h,i}-*", "may offer at most 8 alternatives in its {…} set"],
    ];
    for (const [value, reason] of cases)
      expect(refusal("version_pattern", value), value).toBe(`version_pattern ${reason}`);
  });

  it("takes the globs package names and versions need", () => {
    for (const value of [
      "@platon/*",
      "*-SNAPSHOT",
      "1.*",
      "*-rc*",
      "{alpha,beta,rc}-*",
      "[0-9]*",
      "*-*-*",
      "{a,b,c,d,e,f,g,h}",
    ])
      expect(refusal("name_pattern", value), value).toBeNull();
  });

  it("answers at once for any short pattern", { timeout: 30_000 }, () => {
    // Whatever someone types into the editor (which validates on every keystroke) or sends to
    // the API: an answer, never a hung tab or worker. Single characters, and runs picomatch
    // treats specially (the backslashes that hung it).
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

  it(
    "any glob it takes matches even a pathological name within half a second",
    { timeout: 120_000 },
    () => {
      // The planner tests each candidate version's name and version with the policy's globs
      // (lib/retention/planner.ts, picomatch with { dot: true }): long runs of one character are
      // what backtracking finds hardest.
      const names = [
        "a".repeat(255),
        "a".repeat(254) + "b",
        "ab".repeat(127) + "c",
        "a-".repeat(127),
        "a.".repeat(127),
        "aaaaaaaaaa-".repeat(23),
      ];
      // Parts a run of "a" can match in many ways, then an end it cannot: the hardest case.
      // (Extglobs rarely, or nearly every pattern would hold one and be refused.)
      const EIGHT = "{a,aa,aaa,aaaa,aaaaa,aaaaaa,aaaaaaa,aaaaaaaa}";
      const parts = fc.oneof(
        {
          weight: 30,
          arbitrary: fc.constantFrom(..."a * *a a* ? [a-z] {a,aa}".split(" "), EIGHT),
        },
        { weight: 1, arbitrary: fc.constantFrom(..."?(a) *(ab|abab) +(a|aa) @(a|aa)".split(" ")) },
      );
      const end = fc.constantFrom("b", "c", "", "-b");
      fc.assert(
        fc.property(fc.array(parts, { minLength: 1, maxLength: 16 }), end, (a, last) => {
          const value = a.join("") + last;
          if (refusal("name_pattern", value) !== null) return;
          const matches = picomatch(value, { dot: true });
          for (const name of names) returnsWithin(500, () => matches(name));
        }),
        {
          numRuns: 400,
          // The worst cases found by hand, each taking seconds were its limit one higher.
          examples: [
            [["*", "a", "*", "a", "*", "a", "*", "a"], "b"],
            [["*", ...Array<string>(7).fill("{a,aa}"), "*a*"], "b"],
            [["*", EIGHT, "*a*"], "b"],
            [["*(ab|abab)"], ""],
          ],
        },
      );
    },
  );
});

describe("PORTAL_RETENTION_BUDGET", () => {
  it("defaults to 500 and must be a positive whole number", () => {
    expect(parseEnv({}).retentionBudget).toBe(500);
    expect(parseEnv({ PORTAL_RETENTION_BUDGET: "25" }).retentionBudget).toBe(25);
    expect(() => parseEnv({ PORTAL_RETENTION_BUDGET: "0" })).toThrow(/PORTAL_RETENTION_BUDGET/);
  });
});
