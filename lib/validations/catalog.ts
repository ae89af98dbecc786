import { z } from "zod";
import { PACKAGE_TYPES, type PackageType } from "@/lib/versions";

// The catalog's query contract — the one definition. GET /api/packages parses with it, the
// catalog page's URL state (components/catalog/catalog-params.ts) derives its parsers and
// defaults from it, and CatalogQuery is its output type; so a catalog URL answers the same
// in the UI and in the API. Bad values are 422s that name the parameter (lib/api/route.ts).

export const CATALOG_STATUSES = ["default", "error", "deprecated"] as const;
export type CatalogStatus = (typeof CATALOG_STATUSES)[number];

export const SORT_FIELDS = [
  "relevance",
  "name",
  "version",
  "published",
  "downloaded",
  "size",
] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type SortOrder = "asc" | "desc";

export const CATALOG_VIEWS = ["packages", "versions"] as const;
export type CatalogView = (typeof CATALOG_VIEWS)[number];

/** The direction a field sorts in when none is asked for. */
export const DEFAULT_ORDER: Record<SortField, SortOrder> = {
  relevance: "desc",
  name: "asc",
  version: "desc",
  published: "desc",
  downloaded: "desc",
  size: "desc",
};

/** Defaults when a parameter is left out (the UI's URL state uses the same). */
export const CATALOG_DEFAULTS = { view: "versions", page: 1, per_page: 20 } as const;

const one = (v: unknown) => (Array.isArray(v) ? v.join(",") : v);
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : one(v));

const typeList = z.preprocess(
  blankToUndefined,
  z
    .string()
    .optional()
    .transform((s) =>
      s
        ? [
            ...new Set(
              s
                .split(",")
                .map((t) => t.trim().toLowerCase())
                .filter(Boolean),
            ),
          ]
        : [],
    )
    .refine((list) => list.every((t) => (PACKAGE_TYPES as readonly string[]).includes(t)), {
      message: `must be a comma-separated list of ${PACKAGE_TYPES.join(", ")}`,
    })
    .transform((list) => list as PackageType[]),
);

const date = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/,
      "must be a date (YYYY-MM-DD) or ISO timestamp",
    )
    .refine((s) => !Number.isNaN(new Date(s).getTime()), "is not a valid date")
    .optional(),
);

const sort = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(
      new RegExp(`^-?(${SORT_FIELDS.join("|")})$`),
      `must be one of ${SORT_FIELDS.join(", ")} (optionally prefixed with -)`,
    )
    .optional(),
);

export const catalogQuerySchema = z.object({
  // NUL (PostgreSQL refuses it in text) or U+FFFD (what broken UTF-8 decodes to): not a search.
  q: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(200)
      .refine((v) => !/[\u0000\uFFFD]/.test(v), "must be UTF-8 text without NUL bytes")
      .optional(),
  ),
  type: typeList,
  group: z.preprocess(blankToUndefined, z.string().max(500).optional()),
  project: z.preprocess(blankToUndefined, z.string().max(500).optional()),
  status: z.preprocess(blankToUndefined, z.enum(CATALOG_STATUSES).optional()),
  published_from: date,
  published_to: date,
  downloaded_before: date,
  never_downloaded: z
    .preprocess(blankToUndefined, z.enum(["true", "false"]).optional())
    .transform((v) => v === "true"),
  sort,
  order: z.preprocess(blankToUndefined, z.enum(["asc", "desc"]).optional()),
  view: z.preprocess(blankToUndefined, z.enum(CATALOG_VIEWS).default(CATALOG_DEFAULTS.view)),
  page: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(1).max(10_000).default(CATALOG_DEFAULTS.page),
  ),
  per_page: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(1).max(100).default(CATALOG_DEFAULTS.per_page),
  ),
});

export type CatalogQueryInput = z.input<typeof catalogQuerySchema>;
export type CatalogQuery = z.output<typeof catalogQuerySchema>;

/** Sort field and direction: relevance when searching, else newest first. */
export function resolveSort(q: Pick<CatalogQuery, "sort" | "order" | "q">): {
  field: SortField;
  order: SortOrder;
} {
  const raw = q.sort ?? (q.q ? "relevance" : "published");
  const desc = raw.startsWith("-");
  let field = (desc ? raw.slice(1) : raw) as SortField;
  // Relevance without a search term means nothing; fall back to newest first.
  if (field === "relevance" && !q.q) field = "published";
  const order = q.order ?? (desc ? "desc" : DEFAULT_ORDER[field]);
  return { field, order };
}
