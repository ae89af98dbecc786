// GET /api/projects/:id/report — registry health of one project
import { route } from "@/lib/api/route";
import { buildHealthReport } from "@/lib/reports/registry-health";
import { idParams } from "@/lib/validations/registry";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "user", params: idParams }, ({ identity, params }) =>
  buildHealthReport(identity, { kind: "project", id: params.id }),
);
