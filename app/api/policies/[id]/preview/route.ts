// POST /api/policies/:id/preview — what the stored policy would delete now (?page&per_page)
import { route } from "@/lib/api/route";
import { policyId, previewPaging } from "@/lib/retention/api";
import { loadReadablePolicy, toPolicyDocument } from "@/lib/retention/policies";
import { previewFor } from "@/lib/retention/preview";

export const POST = route({ auth: "user" }, async ({ identity, params, req }) => {
  const row = await loadReadablePolicy(identity.user, policyId(params));
  return previewFor(identity.user, toPolicyDocument(row), previewPaging(req));
});
