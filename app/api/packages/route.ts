// GET /api/packages — the catalog: search, filter, sort, page (session or GitLab token)
import { route } from "@/lib/api/route";
import { browseCatalog } from "@/lib/catalog/browse";
import { catalogQuerySchema } from "@/lib/validations/catalog";

export const GET = route(
  { auth: "user", query: catalogQuerySchema },
  async ({ identity, query }) => {
    // total_exact false: more rows match than were counted — total (and, with facets_exact
    // false, the facets) are lower bounds ("1 000+").
    const { items, total, total_exact, page, per_page, facets, facets_exact } = await browseCatalog(
      identity.user,
      query,
    );
    return { items, total, total_exact, page, per_page, facets, facets_exact };
  },
);
