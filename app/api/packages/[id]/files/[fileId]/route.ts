// DELETE /api/packages/:id/files/:fileId — delete one file of a version.
import { route } from "@/lib/api/route";
import { deletePackageFile } from "@/lib/packages/delete";
import { packageFileParams } from "@/lib/validations/packages";

export const dynamic = "force-dynamic";

export const DELETE = route(
  { auth: "user", params: packageFileParams },
  async ({ identity, params }) =>
    deletePackageFile({
      identity,
      packageId: params.id,
      fileId: params.fileId,
      via: identity.via === "token" ? "api" : "ui",
    }),
);
