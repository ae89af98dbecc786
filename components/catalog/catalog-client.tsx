"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { PackageSearch, Search, SlidersHorizontal } from "lucide-react";
import { useQueryStates } from "nuqs";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { apiFetch, queryKeys } from "@/lib/api/client";
import type { CatalogPage } from "@/lib/catalog/browse";
import { CatalogFilters } from "./catalog-filters";
import {
  catalogParsers,
  hasFilters,
  PER_PAGE,
  toApiSearch,
  type CatalogUrlState,
} from "./catalog-params";
import { PackageTable, type CatalogRow } from "./package-table";
import { Pagination } from "./pagination";
import { TypeChips } from "./type-chips";
import { formatCount } from "@/lib/format";

// The interactive catalog: URL-synced state (nuqs), first page from the server, then
// React Query against /api/packages with the same query string.

// React Query passes a signal that aborts when the key (the search) is superseded and nothing
// observes it any more: a request for text the user has typed past is cancelled, and since each
// search has its own key an earlier answer can never land on a later one.
const fetchPage = (search: string, signal?: AbortSignal) =>
  apiFetch<CatalogPage>(`/api/packages?${search}`, { signal });

// [sort, order, label]: a field alone sorts in its natural direction (lib/validations/catalog
// DEFAULT_ORDER: newest, largest, most recent first), so the reverse ones name the order.
const SORTS = [
  ["", "", "Best match / newest"],
  ["name", "", "Name A–Z"],
  ["-name", "", "Name Z–A"],
  ["version", "", "Version (highest first)"],
  ["-published", "", "Newest published"],
  ["published", "asc", "Oldest published"],
  ["-downloaded", "", "Recently downloaded"],
  ["downloaded", "asc", "Least recently downloaded"],
  ["-size", "", "Largest"],
  ["size", "asc", "Smallest"],
] as const;

export function CatalogClient(props: {
  initial: CatalogPage;
  initialSearch: string;
  groups: Array<{ id: number; fullPath: string }>;
}) {
  const [state, setState] = useQueryStates(catalogParsers, { history: "replace", shallow: true });
  const set = (patch: Partial<CatalogUrlState>) => void setState(patch);
  const [text, setText] = useState(state.q);
  const [showFilters, setShowFilters] = useState(false);
  const search = toApiSearch(state);

  // Type-ahead: update the URL (and the query) 150 ms after the last keystroke.
  useEffect(() => {
    if (text === state.q) return;
    const t = setTimeout(() => void setState({ q: text || null, page: 1 }), 150);
    return () => clearTimeout(t);
  }, [text, state.q, setState]);

  const { data, isFetching, error } = useQuery({
    queryKey: queryKeys.catalogPage(search),
    queryFn: ({ signal }) => fetchPage(search, signal),
    initialData: search === props.initialSearch ? props.initial : undefined,
    placeholderData: keepPreviousData,
  });
  const page = data ?? props.initial;
  const clear = () => {
    setText("");
    void setState(null);
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-2 sm:flex-row">
        <div className="relative flex-1">
          <Search
            className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground"
            aria-hidden
          />
          <Input
            type="search"
            aria-label="Search packages by name or version"
            placeholder="Search by name or version — typos are fine"
            className="pl-9"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="flex gap-2">
          <Select
            aria-label="Sort"
            value={`${state.sort}|${state.order ?? ""}`}
            onChange={(e) => {
              const [sort, order] = e.target.value.split("|");
              set({ sort, order: order === "asc" || order === "desc" ? order : null, page: 1 });
            }}
            className="sm:w-56"
          >
            {SORTS.map(([sort, order, label]) => (
              <option key={sort} value={`${sort}|${order}`}>
                {label}
              </option>
            ))}
          </Select>
          <Button
            variant="outline"
            aria-label="Filters"
            aria-expanded={showFilters}
            onClick={() => setShowFilters((s) => !s)}
          >
            <SlidersHorizontal aria-hidden />
            <span className="hidden sm:inline">Filters</span>
          </Button>
        </div>
      </div>
      {showFilters ? <CatalogFilters state={state} set={set} groups={props.groups} /> : null}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <TypeChips
          facets={page.facets}
          exact={page.facets_exact}
          selected={state.type}
          onChange={(type) => set({ type, page: 1 })}
        />
        <div
          role="group"
          aria-label="View"
          className="inline-flex w-fit rounded-md border border-border p-0.5 text-sm"
        >
          {(["packages", "versions"] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={state.view === v}
              onClick={() => set({ view: v, page: 1 })}
              className="rounded px-3 py-1 aria-pressed:bg-secondary aria-pressed:font-medium focus-visible:outline-2 focus-visible:outline-ring"
            >
              {v === "packages" ? "Packages" : "All versions"}
            </button>
          ))}
        </div>
      </div>
      <p className="text-sm text-muted-foreground" aria-live="polite">
        {error
          ? `Could not load: ${(error as Error).message}`
          : `${formatCount(page.total)}${page.total_exact ? "" : "+"} ${state.view === "packages" ? "packages" : "versions"}`}
        {isFetching ? " · updating…" : ""}
      </p>
      {page.items.length ? (
        <div
          aria-busy={isFetching}
          className={isFetching ? "opacity-70 transition-opacity" : undefined}
        >
          <PackageTable items={page.items as CatalogRow[]} folded={state.view === "packages"} />
        </div>
      ) : (
        <EmptyState
          icon={PackageSearch}
          title="No packages match"
          description={
            hasFilters(state)
              ? "Try another spelling, or fewer filters."
              : "Nothing you may read has been synced yet."
          }
          action={
            hasFilters(state) ? (
              <Button variant="outline" onClick={clear}>
                Clear filters
              </Button>
            ) : undefined
          }
        />
      )}
      <Pagination
        page={state.page}
        total={page.total}
        exact={page.total_exact}
        pageFull={page.items.length >= PER_PAGE}
        perPage={PER_PAGE}
        onPage={(p) => set({ page: p })}
      />
    </div>
  );
}
