// GET /api/policies/:id/runs/:runId — one run with its per-package actions (?action&page&per_page)
import { parseInput, route } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { queryOf } from "@/lib/retention/api";
import { getPolicyRun } from "@/lib/retention/runs";
import { runActionsQuery, runParams } from "@/lib/validations/retention";

export const GET = route({ auth: "user" }, async ({ identity, params, req }) => {
  const p = runParams.safeParse(params);
  if (!p.success) throw new AppError("not_found", "Run not found.");
  const q = parseInput("query", runActionsQuery, queryOf(req));
  return getPolicyRun(identity.user, p.data.id, p.data.runId, q);
});
