// GET|PUT /api/groups/:id/package-settings — duplicates per format, via GitLab's GraphQL (PUT: Owner)
import { route } from "@/lib/api/route";
import { changePackageSettings, getPackageSettings } from "@/lib/registry/package-settings";
import { viaOf } from "@/lib/registry/via";
import { idParams, packageSettingsBody } from "@/lib/validations/registry";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "user", params: idParams }, ({ identity, params }) =>
  getPackageSettings(identity, params.id),
);

export const PUT = route(
  { auth: "user", params: idParams, body: packageSettingsBody },
  ({ identity, params, body }) => changePackageSettings(identity, params.id, body, viaOf(identity)),
);
