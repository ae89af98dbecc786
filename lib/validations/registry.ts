import { z } from "zod";

// Registry settings input, shared by the route handlers and the client forms.

export const registryLevelSchema = z.enum(["disabled", "private", "enabled", "public"]);
export type RegistryLevelInput = z.infer<typeof registryLevelSchema>;

export const registryAccessBody = z.object({ access_level: registryLevelSchema }).strict();

export const PACKAGE_TOKEN_SCOPES = ["read_package_registry", "write_package_registry"] as const;
export const DEFAULT_TOKEN_DAYS = 90;

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

export const deployTokenBody = z
  .object({
    name: z.string().trim().min(1, "Give the token a name").max(255),
    scopes: z
      .array(z.enum(PACKAGE_TOKEN_SCOPES))
      .min(1, "Choose at least one scope")
      .refine((s) => new Set(s).size === s.length, "Each scope once"),
    /** YYYY-MM-DD or ISO 8601, in the future; null = never expires; absent = 90 days */
    expires_at: z
      .string()
      .refine((s) => isoDay.test(s) || !Number.isNaN(Date.parse(s)), "Use a date like 2026-12-31")
      .refine((s) => Date.parse(s) > Date.now(), "The expiry must be in the future")
      .nullable()
      .optional(),
  })
  .strict();
export type DeployTokenInput = z.infer<typeof deployTokenBody>;

export const allowlistBody = z.union([
  z.object({ target_project_id: z.number().int().positive() }).strict(),
  z.object({ target_group_id: z.number().int().positive() }).strict(),
]);

const regex = z.string().max(255).nullable();
export const packageSettingsBody = z
  .object({
    maven_duplicates_allowed: z.boolean(),
    maven_duplicate_exception_regex: regex,
    generic_duplicates_allowed: z.boolean(),
    generic_duplicate_exception_regex: regex,
    nuget_duplicates_allowed: z.boolean(),
    nuget_duplicate_exception_regex: regex,
    terraform_module_duplicates_allowed: z.boolean(),
    terraform_module_duplicate_exception_regex: regex,
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, "Send at least one setting");

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const tokenParams = idParams.extend({ tokenId: z.coerce.number().int().positive() });
export const targetParams = idParams.extend({ targetId: z.coerce.number().int().positive() });
export const targetQuery = z.object({ kind: z.enum(["project", "group"]).default("project") });

/** The default expiry as YYYY-MM-DD, `days` from `now`. */
export function defaultExpiry(now = new Date(), days = DEFAULT_TOKEN_DAYS): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
