// GET|PUT /api/projects/:id/registry — the project's package registry access level
import { NextResponse } from "next/server";
import { route } from "@/lib/api/route";
import { changeRegistryAccess, getRegistryAccess } from "@/lib/registry/access";
import { viaOf } from "@/lib/registry/via";
import { idParams, registryAccessBody } from "@/lib/validations/registry";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "user", params: idParams }, ({ identity, params }) =>
  getRegistryAccess(identity, params.id),
);

export const PUT = route(
  { auth: "user", params: idParams, body: registryAccessBody },
  async ({ identity, params, body }) =>
    NextResponse.json(
      await changeRegistryAccess(identity, params.id, body.access_level, viaOf(identity)),
    ),
);
