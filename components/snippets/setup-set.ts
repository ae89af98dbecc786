import { env } from "@/lib/env";
import { renderSnippets } from "@/lib/snippets";
import {
  credentialFor,
  type CredentialKind,
  type PackageType,
  type SnippetSet,
} from "@/lib/snippets/model";
import { snippetQuerySchema } from "@/lib/validations/snippets";

// Server side of the panel and the wizard: the snippets for a scope the page has already
// checked the user may read, from URL values that are validated exactly as the API's are.
// A bad optional value (a username that looks like a token) is dropped and said, not used.

export type SetupRequest = {
  type: PackageType;
  scope: { kind: "project" | "group"; id: number; rootNamespace: string };
  auth: CredentialKind;
  username?: string;
  package?: string;
  version?: string;
};

export function setupSnippets(req: SetupRequest): SnippetSet {
  const notes: SnippetSet["notes"] = [];
  const optional = (key: "username" | "package" | "version", value: string | undefined) => {
    if (!value) return undefined;
    const r = snippetQuerySchema.shape[key].safeParse(value);
    if (r.success) return r.data;
    notes.push({
      id: `invalid-${key}`,
      level: "warning",
      text: `Ignored the ${key} in the link: ${r.error.issues[0]?.message ?? "invalid"}.`,
    });
    return undefined;
  };
  const username = req.auth === "deploy-token" ? optional("username", req.username) : undefined;
  const set = renderSnippets(req.type, {
    instanceUrl: env().gitlabUrl,
    scope: { kind: req.scope.kind, id: req.scope.id },
    credential: credentialFor(req.auth, { username }),
    packageName: optional("package", req.package),
    version: optional("version", req.version),
    rootNamespace: req.scope.rootNamespace,
  });
  return { snippets: set.snippets, notes: [...notes, ...set.notes] };
}
