import { createParser, type inferParserType } from "nuqs/server";
import { CATALOG_DEFAULTS, catalogQuerySchema, type CatalogQuery } from "@/lib/validations/catalog";

// The catalog's URL state (nuqs), derived from the catalog's zod contract: every parameter is
// parsed by the schema's own field (a bad value falls back to the default, as the API would
// refuse it), with the schema's defaults. Names match GET /api/packages, so a URL can be
// shared and the same string answers both the page and the API.

type Field = keyof typeof catalogQuerySchema.shape;

function fromSchema<K extends Field>(
  key: K,
  serialize: (v: NonNullable<CatalogQuery[K]>) => string = String,
) {
  const field = catalogQuerySchema.shape[key];
  return createParser<NonNullable<CatalogQuery[K]>>({
    parse: (raw) => {
      const r = field.safeParse(raw);
      return r.success && r.data !== undefined ? (r.data as NonNullable<CatalogQuery[K]>) : null;
    },
    serialize,
  });
}

export const catalogParsers = {
  q: fromSchema("q").withDefault(""),
  type: fromSchema("type", (v) => v.join(",")).withDefault([]),
  group: fromSchema("group").withDefault(""),
  project: fromSchema("project").withDefault(""),
  status: fromSchema("status"),
  published_from: fromSchema("published_from").withDefault(""),
  published_to: fromSchema("published_to").withDefault(""),
  downloaded_before: fromSchema("downloaded_before").withDefault(""),
  never_downloaded: fromSchema("never_downloaded").withDefault(false),
  sort: fromSchema("sort").withDefault(""),
  order: fromSchema("order"),
  view: fromSchema("view").withDefault(CATALOG_DEFAULTS.view),
  page: fromSchema("page").withDefault(CATALOG_DEFAULTS.page),
};

export type CatalogUrlState = inferParserType<typeof catalogParsers>;

export const PER_PAGE = CATALOG_DEFAULTS.per_page;

/** The /api/packages query string for a URL state (defaults and blank values left out). */
export function toApiSearch(s: CatalogUrlState): string {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  if (s.type.length) p.set("type", s.type.join(","));
  for (const k of [
    "group",
    "project",
    "published_from",
    "published_to",
    "downloaded_before",
    "sort",
  ] as const) {
    if (s[k]) p.set(k, s[k]);
  }
  if (s.status) p.set("status", s.status);
  if (s.order) p.set("order", s.order);
  if (s.never_downloaded) p.set("never_downloaded", "true");
  if (s.view !== CATALOG_DEFAULTS.view) p.set("view", s.view);
  if (s.page !== CATALOG_DEFAULTS.page) p.set("page", String(s.page));
  return p.toString();
}

export function hasFilters(s: CatalogUrlState): boolean {
  return Boolean(
    s.q ||
    s.type.length ||
    s.group ||
    s.project ||
    s.status ||
    s.published_from ||
    s.published_to ||
    s.downloaded_before ||
    s.never_downloaded,
  );
}
