// GET|POST /api/projects/:id/job-token-allowlist — inbound CI/CD job token access (Maintainer+)
import { NextResponse } from "next/server";
import { route } from "@/lib/api/route";
import { addToAllowlist, getAllowlist } from "@/lib/registry/job-token-allowlist";
import { viaOf } from "@/lib/registry/via";
import { allowlistBody, idParams } from "@/lib/validations/registry";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "user", params: idParams }, ({ identity, params }) =>
  getAllowlist(identity, params.id),
);

export const POST = route(
  { auth: "user", params: idParams, body: allowlistBody },
  async ({ identity, params, body }) => {
    const target =
      "target_project_id" in body
        ? { kind: "project" as const, id: body.target_project_id }
        : { kind: "group" as const, id: body.target_group_id };
    await addToAllowlist(identity, params.id, target, viaOf(identity));
    return NextResponse.json(
      { source_project_id: params.id, [`target_${target.kind}_id`]: target.id },
      { status: 201 },
    );
  },
);
