import picomatch from "picomatch";
import { z } from "zod";
import { PACKAGE_TYPES, type PackageType } from "@/lib/versions";

// The policy document (DESIGN.md "Retention"), validated the same way by the editor and the
// API. Patterns are globs (picomatch), never regular expressions typed by a user.

const MAX_PATTERN = 200;

/** Wildcards a pattern may hold: each `*` multiplies how far a match can backtrack. */
const MAX_STARS = 3;
/** Alternatives in the one brace set a pattern may hold ("{alpha,beta,rc}-*"). */
const MAX_ALTERNATIVES = 8;

/**
 * Why a glob is refused before picomatch ever sees it, or null. picomatch compiles a glob to a
 * backtracking regular expression, run against every candidate version by the planner, and some
 * globs never finish:
 * - one ending in four or more backslashes once it holds one of /()[]{}" or starts with * or !
 *   never compiles: picomatch (every release up to 4.0.7) steps past the end of the input and
 *   loops waiting for an end it has passed — the editor's tab and the server's worker hung;
 * - extglobs repeat alternatives ("*(ab|abab)": 13 s against an 81-character name), and so do
 *   optional groups ("?(a)" 29 times: 12 s at 255 characters);
 * - every further `*` multiplies the backtracking ("*a*a*a*a*b": 58 s at 255 characters), and
 *   so does every further brace set ("*" then "{a,aa}" seven times then "*a*b": 1.7 s); each
 *   alternative of the one set adds to every step (a precaution: 16 take 0.23 s, 8 take 0.12 s).
 * Package names and versions hold no backslash, parenthesis or "|", so no useful pattern is
 * lost. Within these limits the worst match found takes ~0.12 s, on a pathological 255-character
 * name ("*{a,aa,…,aaaaaaaa}*a*b"); lib/validations/retention.test.ts holds every one under 0.5 s.
 */
function globRefusal(what: string, s: string): string | null {
  if (s.includes("\\"))
    return `${what} cannot contain a backslash: package names and versions never need escaping`;
  if (/[()|]/.test(s))
    return `${what} cannot use ( ) or |: package names never hold them (for alternatives, use {a,b})`;
  if (s.split("*").length - 1 > MAX_STARS)
    return `${what} may hold at most ${MAX_STARS} * wildcards`;
  if (s.split("{").length > 2) return `${what} may hold at most one {…} set`;
  if (s.split(",").length - 1 >= MAX_ALTERNATIVES)
    return `${what} may offer at most ${MAX_ALTERNATIVES} alternatives in its {…} set`;
  return null;
}

/**
 * Why a stored policy's globs would be refused now (it was stored before these limits), or null:
 * such a policy is neither planned nor run until someone edits it.
 */
export function storedGlobRefusal(doc: {
  name_pattern: string | null;
  version_pattern: string | null;
  protect_pattern: string | null;
}): string | null {
  for (const field of ["name_pattern", "version_pattern", "protect_pattern"] as const) {
    const why = doc[field] ? globRefusal(field, doc[field]) : null;
    if (why) return `${why}. Edit the policy to plan or run it again.`;
  }
  return null;
}

/** A glob picomatch can compile, or null. Empty strings mean "no pattern". */
const glob = (what: string) =>
  z
    .string()
    .trim()
    .max(MAX_PATTERN, `${what} must be at most ${MAX_PATTERN} characters`)
    .nullish()
    .transform((s) => (s ? s : null))
    .superRefine((s, ctx) => {
      if (!s) return;
      const refused = globRefusal(what, s);
      if (refused) {
        ctx.addIssue({ code: "custom", message: refused });
        return;
      }
      try {
        picomatch.makeRe(s, { strictBrackets: true });
      } catch {
        ctx.addIssue({ code: "custom", message: `${what} is not a valid glob` });
      }
    });

const days = (what: string) =>
  z
    .number({ error: `${what} must be a whole number of days` })
    .int(`${what} must be a whole number of days`)
    .min(1, `${what} must be at least 1 day`)
    .max(36500, `${what} must be at most 36500 days`)
    .nullish()
    .transform((n) => n ?? null);

const count = (what: string, max: number) =>
  z
    .number({ error: `${what} must be a whole number` })
    .int(`${what} must be a whole number`)
    .min(1, `${what} must be at least 1`)
    .max(max, `${what} must be at most ${max}`)
    .nullish()
    .transform((n) => n ?? null);

export const RULE_KEYS = [
  "keep_latest",
  "older_than_days",
  "not_downloaded_days",
  "keep_duplicate_files",
] as const;

export const NO_RULE_MESSAGE =
  "Set at least one rule (keep_latest, older_than_days, not_downloaded_days or " +
  "keep_duplicate_files): a policy without a rule would never delete anything.";

export const policyScopeSchema = z.object({
  type: z.enum(["group", "project"], { error: 'scope.type must be "group" or "project"' }),
  id: z
    .number({ error: "scope.id must be a GitLab group or project id" })
    .int("scope.id must be a whole number")
    .positive("scope.id must be a GitLab group or project id"),
});

export const policyInputSchema = z
  .object({
    name: z
      .string({ error: "name is required" })
      .trim()
      .min(1, "name is required")
      .max(100, "name must be at most 100 characters"),
    scope: policyScopeSchema,
    package_types: z
      .array(
        z.enum(PACKAGE_TYPES as [PackageType, ...PackageType[]], {
          error: `package_types may contain ${PACKAGE_TYPES.join(", ")}`,
        }),
      )
      .default([])
      .transform((types) => [...new Set(types)].sort()),
    name_pattern: glob("name_pattern"),
    version_pattern: glob("version_pattern"),
    prerelease_only: z.boolean({ error: "prerelease_only must be true or false" }).default(false),
    keep_latest: count("keep_latest", 1000),
    older_than_days: days("older_than_days"),
    not_downloaded_days: days("not_downloaded_days"),
    keep_duplicate_files: count("keep_duplicate_files", 100),
    protect_pattern: glob("protect_pattern"),
    keep_newest: z.boolean({ error: "keep_newest must be true or false" }).default(true),
    mode: z
      .enum(["dry_run", "enforce"], { error: 'mode must be "dry_run" or "enforce"' })
      .default("dry_run"),
    enabled: z.boolean({ error: "enabled must be true or false" }).default(true),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (RULE_KEYS.every((k) => p[k] === null))
      ctx.addIssue({ code: "custom", path: ["rules"], message: NO_RULE_MESSAGE });
  });

/** What the API takes (defaults optional). */
export type PolicyInput = z.input<typeof policyInputSchema>;
/** The validated document, every field present. */
export type PolicyDocument = z.output<typeof policyInputSchema>;

export const runModeSchema = z.object({
  mode: z.enum(["dry_run", "enforce"], { error: 'mode must be "dry_run" or "enforce"' }),
});

/** One message per field, for forms and for the API's 422 details. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "policy";
    out[key] ??= issue.message;
  }
  return out;
}

export const policyIdParams = z.object({
  id: z.coerce.number().int("must be a policy id").positive("must be a policy id"),
});

export const runParams = policyIdParams.extend({
  runId: z.coerce.number().int("must be a run id").positive("must be a run id"),
});

export const policyListQuery = z.object({
  scope_type: z
    .enum(["group", "project"], { error: 'scope_type must be "group" or "project"' })
    .optional(),
  scope_id: z.coerce.number().int().positive("scope_id must be a group or project id").optional(),
});

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1, "page must be at least 1").default(1),
  per_page: z.coerce.number().int().min(1).max(500, "per_page must be at most 500").optional(),
});

export const runActionsQuery = z.object({
  action: z.enum(["deleted", "would_delete", "kept", "skipped", "failed"]).optional(),
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(500).default(100),
});
