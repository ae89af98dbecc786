// GET /api/policies/:id — one policy (anyone who may read its scope)
// PUT /api/policies/:id — replace it (the live role on the scope); DELETE — remove it
import { parseInput, route } from "@/lib/api/route";
import { jsonBody, policyId } from "@/lib/retention/api";
import { deletePolicyFor, getPolicyView, updatePolicyFor } from "@/lib/retention/policies";
import { policyInputSchema } from "@/lib/validations/retention";

const via = (v: "session" | "token") => (v === "session" ? ("ui" as const) : ("api" as const));

export const GET = route({ auth: "user" }, async ({ identity, params }) =>
  getPolicyView(identity.user, policyId(params)),
);

export const PUT = route({ auth: "user" }, async ({ identity, params, req }) => {
  const id = policyId(params);
  const doc = parseInput("body", policyInputSchema, await jsonBody(req));
  return updatePolicyFor({ ...identity, via: via(identity.via) }, id, doc);
});

export const DELETE = route({ auth: "user" }, async ({ identity, params }) =>
  deletePolicyFor({ ...identity, via: via(identity.via) }, policyId(params)),
);
