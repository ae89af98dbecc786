// GET|POST /api/projects/:id/deploy-tokens — list (Maintainer+) and create a package deploy token
import { NextResponse } from "next/server";
import { route } from "@/lib/api/route";
import { createToken, listTokens } from "@/lib/registry/deploy-tokens";
import { viaOf } from "@/lib/registry/via";
import { deployTokenBody, idParams } from "@/lib/validations/registry";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "user", params: idParams }, ({ identity, params }) =>
  listTokens(identity, { kind: "project", id: params.id }),
);

export const POST = route(
  { auth: "user", params: idParams, body: deployTokenBody },
  async ({ identity, params, body }) => {
    const created = await createToken(
      identity,
      { kind: "project", id: params.id },
      body,
      viaOf(identity),
    );
    // The token value is in this answer only: never cached by anyone on the way.
    return NextResponse.json(created, { status: 201, headers: { "cache-control": "no-store" } });
  },
);
