// GET /api/policies — retention policies whose scope the caller may read (?scope_type&scope_id)
// POST /api/policies — create a policy (Owner of the group / Maintainer+ of the project)
import { NextResponse } from "next/server";
import { parseInput, route } from "@/lib/api/route";
import { jsonBody, queryOf } from "@/lib/retention/api";
import { createPolicyFor, listPolicies } from "@/lib/retention/policies";
import { policyInputSchema, policyListQuery } from "@/lib/validations/retention";

export const GET = route({ auth: "user" }, async ({ identity, req }) => {
  const q = parseInput("query", policyListQuery, queryOf(req));
  const scope = q.scope_type && q.scope_id ? { type: q.scope_type, id: q.scope_id } : undefined;
  return { items: await listPolicies(identity.user, scope) };
});

export const POST = route({ auth: "user" }, async ({ identity, req }) => {
  const doc = parseInput("body", policyInputSchema, await jsonBody(req));
  const policy = await createPolicyFor({ ...identity, via: viaOf(identity.via) }, doc);
  return NextResponse.json(policy, { status: 201 });
});

function viaOf(via: "session" | "token") {
  return via === "session" ? ("ui" as const) : ("api" as const);
}
