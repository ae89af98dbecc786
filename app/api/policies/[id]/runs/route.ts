// GET /api/policies/:id/runs — the policy's run history, newest first
// POST /api/policies/:id/runs {mode} — run it now (dry run or enforce); 202 with the run id
import { NextResponse } from "next/server";
import { parseInput, route } from "@/lib/api/route";
import { jsonBody, policyId } from "@/lib/retention/api";
import { listPolicyRuns, startRunNow } from "@/lib/retention/runs";
import { runModeSchema } from "@/lib/validations/retention";

export const maxDuration = 300;

export const GET = route({ auth: "user" }, async ({ identity, params }) => ({
  items: await listPolicyRuns(identity.user, policyId(params)),
}));

export const POST = route({ auth: "user" }, async ({ identity, params, req }) => {
  const id = policyId(params);
  const { mode } = parseInput("body", runModeSchema, await jsonBody(req));
  const started = await startRunNow(identity, id, mode);
  return NextResponse.json(started, { status: 202 });
});
