import { z } from "zod";
import {
  CREDENTIAL_KINDS,
  looksLikeToken,
  PACKAGE_TYPES,
  SCOPE_KINDS,
  USERNAME_PATTERN,
} from "@/lib/snippets/model";

// GET /api/snippets and the /setup URL: type, scope, scope_id, auth, package, version and an
// optional deploy-token username. Strict: an unknown parameter is refused by name, so there is
// no field a token could be sent in by mistake — and none of the accepted ones takes one.

const text = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max)
    .regex(/^[^\s"'`$\\<>]+$/, `${what} may not contain spaces, quotes, $, \\ or < >`)
    .refine((s) => !looksLikeToken(s), `${what} looks like a token; snippets never take one`);

export const snippetQuerySchema = z
  .object({
    type: z.enum(PACKAGE_TYPES, `type must be one of ${PACKAGE_TYPES.join(", ")}`),
    scope: z.enum(SCOPE_KINDS, "scope must be project or group"),
    scope_id: z.coerce
      .number("scope_id must be a number")
      .int("scope_id must be a whole number")
      .positive("scope_id must be positive"),
    auth: z.enum(CREDENTIAL_KINDS, `auth must be one of ${CREDENTIAL_KINDS.join(", ")}`),
    package: text("package", 255).optional(),
    version: text("version", 255).optional(),
    username: z
      .string()
      .trim()
      .regex(USERNAME_PATTERN, "username may hold letters, digits and . _ + @ - only")
      .refine((s) => !looksLikeToken(s), "username looks like a token; snippets never take one")
      .optional(),
  })
  .strict();

export type SnippetQuery = z.infer<typeof snippetQuerySchema>;
