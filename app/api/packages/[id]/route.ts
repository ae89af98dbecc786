// GET /api/packages/:id — one package with its files and other versions (404 if unreadable)
import { z } from "zod";
import { route } from "@/lib/api/route";
import { showPackage } from "@/lib/catalog/browse";

const params = z.object({ id: z.coerce.number().int().positive() });

export const GET = route({ auth: "user", params }, ({ identity, params }) =>
  showPackage(identity.user, params.id),
);

// DELETE lives beside it; logic in lib/packages/delete.ts.
export { DELETE } from "./delete-handler";
