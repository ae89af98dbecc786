// DELETE /api/projects/:id/deploy-tokens/:tokenId — revoke a project deploy token (Maintainer+)
import { route } from "@/lib/api/route";
import { revokeToken } from "@/lib/registry/deploy-tokens";
import { viaOf } from "@/lib/registry/via";
import { tokenParams } from "@/lib/validations/registry";

export const dynamic = "force-dynamic";

export const DELETE = route({ auth: "user", params: tokenParams }, async ({ identity, params }) => {
  await revokeToken(identity, { kind: "project", id: params.id }, params.tokenId, viaOf(identity));
  return new Response(null, { status: 204 });
});
