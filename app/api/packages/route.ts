// GET /api/packages — the catalog: search, filter, sort, page (session or GitLab token)
import { route } from "@/lib/api/route";
import { browseCatalog } from "@/lib/catalog/browse";
import { catalogQuerySchema } from "@/lib/validations/catalog";

export const GET = route(
  { auth: "user", query: catalogQuerySchema },
  async ({ identity, query }) => {
    const { items, total, page, per_page, facets } = await browseCatalog(identity.user, query);
    return { items, total, page, per_page, facets };
  },
);
