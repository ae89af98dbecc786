// GET /api/packages — the catalog: search, filter, sort, page (session or GitLab token)
import { jsonReply, route } from "@/lib/api/route";
import { browseCatalog } from "@/lib/catalog/browse";
import { wantsFresh } from "@/lib/catalog/fresh";
import { catalogQuerySchema } from "@/lib/validations/catalog";

export const GET = route(
  { auth: "user", query: catalogQuerySchema },
  async ({ identity, query, req }) => {
    // total_exact false: more rows match than were counted — total (and, with facets_exact
    // false, the facets) are lower bounds ("1 000+").
    const { items, total, total_exact, page, per_page, facets, facets_exact, source } =
      await browseCatalog(identity.user, query, { fresh: wantsFresh(req.headers) });
    return jsonReply(
      { items, total, total_exact, page, per_page, facets, facets_exact },
      // hit: the page came from the portal's page cache (exact: dropped by any mirror write).
      { headers: { "x-catalog-cache": source === "cache" ? "hit" : "miss" } },
    );
  },
);
