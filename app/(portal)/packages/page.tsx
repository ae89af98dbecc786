import { headers } from "next/headers";
import { createLoader, type SearchParams } from "nuqs/server";
import { PageHeader } from "@/components/layout/page-header";
import { CatalogClient } from "@/components/catalog/catalog-client";
import { BulkDeleteBar } from "@/components/packages/bulk-delete-bar";
import { BulkSelectionProvider } from "@/components/packages/bulk-selection";
import { catalogParsers, toApiSearch } from "@/components/catalog/catalog-params";
import { SyncStatus } from "@/components/catalog/sync-status";
import { listGroupSummaries } from "@/db/queries/catalog-detail";
import { toReader } from "@/lib/access/reader";
import { requireUser } from "@/lib/auth/session";
import { browseCatalog } from "@/lib/catalog/browse";
import { wantsFresh } from "@/lib/catalog/fresh";
import { syncStatus } from "@/lib/sync/sync-status";
import { catalogQuerySchema } from "@/lib/validations/catalog";
import { bounded } from "@/components/layout/bounded";

export const metadata = { title: "Catalog" };

const loadState = createLoader(catalogParsers);

async function CatalogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const state = loadState(await searchParams);
  const initialSearch = toApiSearch(state);
  // A hand-edited URL with a bad value falls back to the defaults instead of an error page.
  const parsed = catalogQuerySchema.safeParse(
    Object.fromEntries(new URLSearchParams(initialSearch)),
  );
  const query = parsed.success ? parsed.data : catalogQuerySchema.parse({ view: "packages" });
  const [initial, status, groups] = await Promise.all([
    // A reload asks for the page read afresh (Cache-Control: no-cache / max-age=0).
    headers()
      .then((h) => browseCatalog(user, query, { fresh: wantsFresh(h) }))
      // Where the rows came from is the API's header, not part of the page sent to the browser.
      .then(({ source: _source, ...page }) => page),
    syncStatus(),
    listGroupSummaries(toReader(user)),
  ]);
  return (
    <>
      <PageHeader
        title="Catalog"
        description="Every package you may read, across all groups and projects."
      />
      <div className="mb-4">
        <SyncStatus initial={status} isAdmin={user.isAdmin} />
      </div>
      {/* Bulk delete: selection shared by the table's checkboxes and the action bar. */}
      <BulkSelectionProvider>
        <CatalogClient
          initial={initial}
          initialSearch={initialSearch}
          groups={groups.map((g) => ({ id: g.id, fullPath: g.fullPath }))}
        />
        <BulkDeleteBar />
      </BulkSelectionProvider>
    </>
  );
}

export default bounded(CatalogPage);
