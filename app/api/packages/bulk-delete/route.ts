// POST /api/packages/bulk-delete {ids} — delete many versions; one result per id, never all-or-nothing.
import { route } from "@/lib/api/route";
import { bulkDeletePackages } from "@/lib/packages/bulk-delete";
import { bulkDeleteBodySchema } from "@/lib/validations/packages";

export const dynamic = "force-dynamic";

export const POST = route(
  { auth: "user", body: bulkDeleteBodySchema },
  async ({ identity, body }) => bulkDeletePackages({ identity, ids: body.ids, via: "bulk" }),
);
