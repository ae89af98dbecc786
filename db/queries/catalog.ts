import { getSql } from "@/db";
import {
  groupProjectIds,
  projectSetKey,
  readableProjectSet,
  resolveProjectId,
  type Reader,
} from "./catalog-access";
import { packagesGeneration } from "../catalog-changes";
import { TtlCache } from "./catalog-cache";
import type { SortField, Scope } from "./catalog-filters";
import {
  cappedCounts,
  cappedSeriesCounts,
  COUNT_CAP,
  statsCounts,
  type Counts,
} from "./catalog-count";
import type { FoldedRaw } from "./catalog-page";
import { planQuery } from "./catalog-plan";
import {
  prefetchBroad,
  readCountedPage,
  readFilterFirst,
  SPARSE_VERSIONS,
  tableRows,
} from "./catalog-read";
import { BROAD_NAMES, findNames, splitSearch, type NameSearch } from "./catalog-search";
import { toDate, toDateOrNull, type ListedPackage } from "./catalog-rows";
import { toListedRows } from "./project-refs";

// The catalog's read side: the caller's readable project ids (resolved once per request),
// optional name matches, the filters (planned in catalog-plan.ts), the counts
// (catalog-count.ts: exact up to a cap), then the page (catalog-read.ts): the flat version list
// or one row per package. The folded view reads package_series unless a version-level filter
// (status, dates, version) forces folding on the fly. Counts per type are cached briefly per
// (readable project set, filters), and so are pages of rows (per project set, filters, order
// and page) — see catalog-cache.ts. They are dropped by any write to the mirror's packages,
// projects or groups, in this process or another (db/catalog-changes.ts; memberships only
// change which set a caller searches): a cached page is the page the database would give
// now. A caller that asks for `fresh` reads the page from the database regardless.

/** The catalog's filters, already validated (lib/validations/catalog.ts is their contract). */
export type CatalogFilter = {
  q?: string;
  type: string[];
  group?: string;
  project?: string;
  status?: string;
  published_from?: string;
  published_to?: string;
  downloaded_before?: string;
  never_downloaded: boolean;
  view: "packages" | "versions";
};

export type ListPackagesInput = Reader &
  CatalogFilter & {
    /** Resolved by the caller (the default sort is a domain rule). */
    sort: { field: SortField; order: "asc" | "desc" };
    page: number;
    perPage: number;
    /** Read the page from the database, not the page cache (an HTTP `Cache-Control: no-cache`). */
    fresh?: boolean;
  };

export type { FoldedInfo, ListedPackage } from "./catalog-rows";

export type PackageList = {
  items: ListedPackage[];
  /** Rows matching; a lower bound when `exact` is false (more than COUNT_CAP match). */
  total: number;
  exact: boolean;
  /** False: the per-type counts are lower bounds. */
  facetsExact: boolean;
  page: number;
  per_page: number;
  facets: Record<string, number>;
  /** Where the page of rows came from: the page cache, the database, or the database on request. */
  source: "cache" | "database" | "fresh";
};

// Name matches depend only on the term and the (global) set of names, never on the caller:
// they only narrow a query that is itself restricted to the caller's readable projects.
// Like the two below, it follows packagesGeneration: membership writes leave it.
const nameCache = new TtlCache<NameSearch>(undefined, {
  serveStale: true,
  generation: packagesGeneration,
});
// Counts per type, keyed by the caller's exact readable project set and the filters.
const facetCache = new TtlCache<Counts>(undefined, {
  serveStale: true,
  generation: packagesGeneration,
});
// Pages of rows, keyed by the exact project set searched, the filters, the order and the page.
// A page is 20–100 rows (≈ 1 KB each): 400 entries stay under ~40 MB.
const pageCache = new TtlCache<ListedPackage[]>(60_000, {
  maxEntries: 400,
  generation: packagesGeneration,
});

/**
 * Where the read side switches strategy (catalog-count.ts, catalog-search.ts). Only tests pass
 * other values: tiny thresholds make a small fixture take the broad paths, huge ones the
 * exhaustive paths, and both must give the same pages.
 */
export type CatalogTuning = {
  countCap: number;
  broadNames: number;
  /** Postings read to find a term's near names (catalog-search.ts). */
  nearPostings?: number;
  /** A version term's range holding at most this many versions is walked version by version. */
  sparseVersions?: number;
};
const DEFAULT_TUNING: CatalogTuning = { countCap: COUNT_CAP, broadNames: BROAD_NAMES };

export async function listPackages(
  input: ListPackagesInput,
  tuning: CatalogTuning = DEFAULT_TUNING,
): Promise<PackageList> {
  const sql = getSql();
  const search = splitSearch(input.q);
  const term = search.term;
  const [readable, { names, broad }, groupIds, projectId] = await Promise.all([
    readableProjectSet(sql, input),
    term
      ? nameCache.getOrCompute(`${tuning.broadNames}|${tuning.nearPostings ?? ""}|${term}`, () =>
          findNames(sql, term, tuning.broadNames, tuning.nearPostings),
        )
      : { names: [], broad: null },
    input.group ? groupProjectIds(input.group) : null,
    input.project ? resolveProjectId(input.project) : null,
  ]);
  // Group and project filters narrow the readable set (unknown group/project: nothing).
  let ids = readable.ids;
  if (groupIds) {
    const inGroup = new Set(groupIds);
    ids = ids.filter((id) => inGroup.has(id));
  }
  if (input.project) ids = ids.filter((id) => id === projectId);
  const scope: Scope =
    ids === readable.ids && readable.excluded ? { ids, excluded: readable.excluded } : { ids };
  const plan = planQuery(
    sql,
    input,
    scope,
    { names, broad },
    tuning.sparseVersions ?? SPARSE_VERSIONS,
  );
  const { folded, versionParts, probeParts, probedVersions, whereWith, x, where } = plan;
  // Counts depend on the exact project set searched, never on who asks.
  const facetKey = JSON.stringify([
    tuning.countCap,
    tuning.broadNames,
    ids === readable.ids ? readable.key : projectSetKey(ids),
    folded ? "series" : "versions",
    input.q ?? "",
    input.status,
    input.published_from,
    input.published_to,
    input.downloaded_before,
    input.never_downloaded,
  ]);
  // withType: the total of the selected types, when the all-types counts stopped at the cap.
  const countMatches = (withType: boolean): Promise<Counts> => {
    // Scope (and type) only: exact, from the per-project aggregates.
    if (!term && versionParts.length + probeParts.length + plan.seriesDates.length === 0)
      return statsCounts(sql, scope, folded ? "series" : "versions");
    const probed = probedVersions(withType);
    if (probed)
      return cappedSeriesCounts(
        sql,
        probed,
        whereWith(plan.nameFilterOn(sql`f`), withType, sql`f`, false, false),
        tuning.countCap,
      );
    return cappedCounts(
      sql,
      folded ? sql`package_series` : sql`packages`,
      x,
      where(withType),
      tuning.countCap,
    );
  };

  const empty = ids.length === 0 || (term && !search.versionOnly && !broad && !names.length);
  // The table's size (readCountedPage's choice) is read while counting, not after: after a
  // catalog change it costs a round trip, which a term's first ask waited for in turn.
  const tableSize = tableRows(sql, folded ? "package_series" : "packages");
  tableSize.catch(() => {}); // awaited below when the page needs it
  // The counts come first (usually cached): how many rows match decides how to read the page.
  const none: Counts = { facets: {}, exact: true };
  // A term's page may be read by readBroad: its lookups run while counting.
  if (term && !empty) prefetchBroad(plan);
  // A term's first ask (its counts not cached yet) whose names are listed, not a broad term's
  // substring: few rows match, and once the counts say so the page is read through the
  // filters' own indexes (readCountedPage). So that read starts now, alongside the count,
  // instead of waiting for it (a misspelt name's first ask: count, then page, 2–3 ms in turn). It
  // is used only when the counts agree; otherwise it is left and the page read as below. A
  // version-only term is left out: its versions may be many.
  const early =
    term &&
    !empty &&
    !broad &&
    names.length > 0 &&
    !search.versionOnly &&
    !facetCache.answersAtOnce(facetKey)
      ? readFilterFirst(plan)
      : null;
  early?.catch(() => {}); // awaited below when the counts agree, else left
  const counts = empty ? none : await facetCache.getOrCompute(facetKey, () => countMatches(false));
  const facets = counts.facets;
  const sumOf = (f: Record<string, number>) =>
    Object.entries(f)
      .filter(([type]) => !input.type.length || (input.type as string[]).includes(type))
      .reduce((s, [, n]) => s + n, 0);
  // Facets past the cap are lower bounds, and the selected types' share of them a poor one:
  // count the selected types on their own (capped too).
  const selected =
    counts.exact || !input.type.length
      ? counts
      : await facetCache.getOrCompute(`${facetKey}|${[...input.type].sort().join(",")}`, () =>
          countMatches(true),
        );
  // Past the cap, the count read is COUNT_CAP + 1: say "at least COUNT_CAP".
  const total = selected.exact ? sumOf(selected.facets) : tuning.countCap;
  const readPage = async () =>
    empty ? [] : await readCountedPage(plan, { exact: selected.exact, total }, tableSize, early);
  // The rows depend on the projects searched, the filters, the order and the page — never on
  // who asks (access levels and what the caller may do are added below and by the caller).
  const pageKey = JSON.stringify([
    facetKey,
    input.type,
    input.group ?? null,
    input.project ?? null,
    input.view,
    input.sort,
    input.page,
    input.perPage,
    tuning.nearPostings ?? null,
    tuning.sparseVersions ?? null,
  ]);
  // Cached as converted rows (dates parsed once): a repeated search only adds the caller's
  // access levels.
  const readItems = async (): Promise<ListedPackage[]> =>
    (await toListedRows(sql, await readPage(), () => null)).map(({ raw, row }) => {
      if (!folded) return row;
      const f = raw as FoldedRaw;
      return Object.assign(row, {
        folded: {
          versionCount: f.version_count,
          totalSize: f.total_size === null ? null : Number(f.total_size),
          newestAt: toDate(f.newest_at),
          lastDownloadedAt: toDateOrNull(f.last_dl),
          matchingCount: f.matching,
        },
      });
    });
  let source: PackageList["source"] = input.fresh ? "fresh" : "cache";
  const rows = input.fresh
    ? await readItems()
    : await pageCache.getOrCompute(pageKey, () => {
        source = "database";
        return readItems();
      });
  return {
    items: rows.map((row) => ({
      ...row,
      accessLevel: readable.levels.get(row.projectId) ?? null,
    })),
    total,
    exact: selected.exact,
    facetsExact: counts.exact,
    page: input.page,
    per_page: input.perPage,
    facets,
    source,
  };
}
