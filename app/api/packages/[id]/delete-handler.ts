// DELETE /api/packages/:id — delete one version (re-checked live, sent to GitLab as the caller).
// Kept beside the catalog's GET in route.ts, which re-exports it, so each owner edits one file.
import { route } from "@/lib/api/route";
import { deletePackage } from "@/lib/packages/delete";
import { packageIdParams } from "@/lib/validations/packages";

export const DELETE = route(
  { auth: "user", params: packageIdParams },
  async ({ identity, params }) =>
    deletePackage({
      identity,
      packageId: params.id,
      // Cookie calls come from our pages (the wrapper checked Origin); tokens are scripts and CI.
      via: identity.via === "token" ? "api" : "ui",
    }),
);
