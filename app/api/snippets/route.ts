// GET /api/snippets — copy-ready setup snippets for a package type, scope and credential
import { route } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { snippetsForUser } from "@/lib/snippets/for-user";
import { snippetQuerySchema } from "@/lib/validations/snippets";

// Validated inside the handler, not by the wrapper, so an anonymous caller learns only that
// they must sign in (401) before anything about their parameters (422).
export const GET = route({ auth: "user" }, async ({ identity, req }) => {
  const raw: Record<string, string> = {};
  for (const [key, value] of req.nextUrl.searchParams) {
    if (key in raw)
      throw new AppError("invalid_input", `Invalid query parameter "${key}": given more than once`);
    raw[key] = value;
  }
  const parsed = snippetQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name =
      issue.code === "unrecognized_keys" ? issue.keys.join(", ") : issue.path.join(".") || "query";
    const message =
      issue.code === "unrecognized_keys" ? "not a parameter of this endpoint" : issue.message;
    throw new AppError("invalid_input", `Invalid query parameter "${name}": ${message}`, {
      parameter: name,
    });
  }
  const set = await snippetsForUser(identity.user, parsed.data);
  return {
    snippets: set.snippets.map(({ id, title, filename, language, content }) => ({
      id,
      title,
      filename,
      language,
      content,
    })),
    notes: set.notes,
  };
});
