// POST /api/policies/preview — what a draft policy (the editor's form) would delete now (?page&per_page)
import { parseInput, route } from "@/lib/api/route";
import { jsonBody, previewPaging } from "@/lib/retention/api";
import { requireScopeRead } from "@/lib/retention/authorize";
import { previewFor } from "@/lib/retention/preview";
import { policyInputSchema } from "@/lib/validations/retention";

export const POST = route({ auth: "user" }, async ({ identity, req }) => {
  const doc = parseInput("body", policyInputSchema, await jsonBody(req));
  const paging = previewPaging(req);
  await requireScopeRead(identity.user, doc.scope);
  return previewFor(identity.user, doc, paging);
});
