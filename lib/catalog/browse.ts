import { listPackages } from "@/db/queries/catalog";
import { getPackage } from "@/db/queries/catalog-detail";
import { toReader as reader } from "@/lib/access/reader";
import type { CurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { resolveSort, type CatalogQuery } from "@/lib/validations/catalog";
import { toDetail, toListItem, type FoldedItem, type PackageItem } from "./present";

// What the API routes and the pages both call: the user's view of the catalog.

export type CatalogPage = {
  items: Array<PackageItem | FoldedItem>;
  total: number;
  /** False: more rows match than were counted; total is a lower bound ("1 000+"). */
  total_exact: boolean;
  /** False: the per-type counts in facets are lower bounds. */
  facets_exact: boolean;
  page: number;
  per_page: number;
  facets: Record<string, number>;
};

/** browseCatalog's answer: the page, and where its rows came from (sent as X-Catalog-Cache). */
export type BrowsedCatalog = CatalogPage & { source: "cache" | "database" | "fresh" };

/** `fresh`: read the page from the database rather than the page cache. */
export async function browseCatalog(
  user: CurrentUser,
  query: CatalogQuery,
  opts: { fresh?: boolean } = {},
): Promise<BrowsedCatalog> {
  const list = await listPackages({
    ...reader(user),
    ...query,
    sort: resolveSort(query),
    perPage: query.per_page,
    fresh: opts.fresh,
  });
  const { exact, facetsExact, ...rest } = list;
  return {
    ...rest,
    total_exact: exact,
    facets_exact: facetsExact,
    items: list.items.map((row) => toListItem(row, user.isAdmin)),
  };
}

export type PackageDetailView = ReturnType<typeof toDetail>;

/** One readable package, or not_found (unknown and unreadable look the same). */
export async function showPackage(user: CurrentUser, id: number): Promise<PackageDetailView> {
  const row = await getPackage({ user: reader(user), id });
  if (!row) throw new AppError("not_found", `Package ${id} was not found, or you cannot read it.`);
  return toDetail(row, user.isAdmin);
}
