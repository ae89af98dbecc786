import {
  parseAsArrayOf,
  parseAsBoolean,
  parseAsInteger,
  parseAsString,
  parseAsStringLiteral,
} from "nuqs/server";
import { CATALOG_STATUSES, CATALOG_VIEWS } from "@/lib/validations/catalog";

// The catalog's URL state (nuqs). Names match GET /api/packages so a URL can be shared and
// the same string answers both the page and the API.

export const catalogParsers = {
  q: parseAsString.withDefault(""),
  type: parseAsArrayOf(parseAsString).withDefault([]),
  group: parseAsString.withDefault(""),
  project: parseAsString.withDefault(""),
  status: parseAsStringLiteral(CATALOG_STATUSES),
  published_from: parseAsString.withDefault(""),
  published_to: parseAsString.withDefault(""),
  downloaded_before: parseAsString.withDefault(""),
  never_downloaded: parseAsBoolean.withDefault(false),
  sort: parseAsString.withDefault(""),
  view: parseAsStringLiteral(CATALOG_VIEWS).withDefault("packages"),
  page: parseAsInteger.withDefault(1),
};

export type CatalogUrlState = {
  q: string;
  type: string[];
  group: string;
  project: string;
  status: (typeof CATALOG_STATUSES)[number] | null;
  published_from: string;
  published_to: string;
  downloaded_before: string;
  never_downloaded: boolean;
  sort: string;
  view: (typeof CATALOG_VIEWS)[number];
  page: number;
};

export const PER_PAGE = 25;

/** The /api/packages query string for a URL state (blank values left out). */
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
  if (s.never_downloaded) p.set("never_downloaded", "true");
  p.set("view", s.view);
  p.set("page", String(s.page));
  p.set("per_page", String(PER_PAGE));
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
