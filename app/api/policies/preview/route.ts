// POST /api/policies/preview — what a draft policy (the editor's form) would delete now
import { parseInput, route } from "@/lib/api/route";
import { jsonBody, pagePreview } from "@/lib/retention/api";
import { requireScopeRead } from "@/lib/retention/authorize";
import { previewFor } from "@/lib/retention/preview";
import { policyInputSchema } from "@/lib/validations/retention";

export const POST = route({ auth: "user" }, async ({ identity, req }) => {
  const doc = parseInput("body", policyInputSchema, await jsonBody(req));
  await requireScopeRead(identity.user, doc.scope);
  return pagePreview(await previewFor(identity.user, doc), req);
});
