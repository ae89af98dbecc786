// DELETE /api/projects/:id/job-token-allowlist/:targetId[?kind=group] — remove a project (or group)
import { route } from "@/lib/api/route";
import { removeFromAllowlist } from "@/lib/registry/job-token-allowlist";
import { viaOf } from "@/lib/registry/via";
import { targetParams, targetQuery } from "@/lib/validations/registry";

export const dynamic = "force-dynamic";

export const DELETE = route(
  { auth: "user", params: targetParams, query: targetQuery },
  async ({ identity, params, query }) => {
    await removeFromAllowlist(
      identity,
      params.id,
      { kind: query.kind, id: params.targetId },
      viaOf(identity),
    );
    return new Response(null, { status: 204 });
  },
);
