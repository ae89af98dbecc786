// GET /api/groups/:id/report — registry health of a group and its subgroups (what the caller may read)
import { route } from "@/lib/api/route";
import { buildHealthReport } from "@/lib/reports/registry-health";
import { idParams } from "@/lib/validations/registry";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "user", params: idParams }, ({ identity, params }) =>
  buildHealthReport(identity, { kind: "group", id: params.id }),
);
