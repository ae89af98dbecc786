import { z } from "zod";

// Audit filters as they appear in the URL (page and API share them, so a filtered view and its
// CSV export are the same query).

const day = /^\d{4}-\d{2}-\d{2}$/;
const optional = (s: z.ZodType<string>) =>
  z.preprocess((v) => (v === "" ? undefined : v), s.optional());

const date = z
  .string()
  .refine((s) => day.test(s) || !Number.isNaN(Date.parse(s)), "must be a date (YYYY-MM-DD)");

export const AUDIT_RESULTS = ["success", "refused", "failed"] as const;

export const auditQuerySchema = z.object({
  actor: optional(z.string().trim().max(100)),
  project: optional(z.string().trim().max(300)),
  action: optional(z.string().trim().max(100)),
  result: z.preprocess((v) => (v === "" ? undefined : v), z.enum(AUDIT_RESULTS).optional()),
  from: optional(date),
  to: optional(date),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(200).default(50),
  format: z.enum(["json", "csv"]).default("json"),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** `from` is inclusive; a bare `to` day includes that whole day (exclusive bound = next day). */
export function auditDateRange(q: Pick<AuditQuery, "from" | "to">): { from?: Date; to?: Date } {
  const from = q.from ? new Date(day.test(q.from) ? `${q.from}T00:00:00Z` : q.from) : undefined;
  let to: Date | undefined;
  if (q.to) {
    to = new Date(day.test(q.to) ? `${q.to}T00:00:00Z` : q.to);
    if (day.test(q.to)) to = new Date(to.getTime() + 86_400_000);
  }
  return { from, to };
}
