import { getReadableSnippetScope, listReadableSnippetScopes } from "@/db/queries/snippet-scopes";
import { toReader } from "@/lib/access/reader";
import type { CurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { SnippetQuery } from "@/lib/validations/snippets";
import { renderSnippets } from "./index";
import { credentialFor, type SnippetSet } from "./model";

// The snippets a signed-in user asked for: the scope must be one they may read (else 404, the
// same answer as for a scope that does not exist), filled with this instance's URL.

export async function snippetsForUser(
  user: CurrentUser,
  q: SnippetQuery,
): Promise<SnippetSet & { scopePath: string }> {
  const scope = await getReadableSnippetScope(toReader(user), q.scope, q.scope_id);
  if (!scope) {
    throw new AppError(
      "not_found",
      `The ${q.scope} ${q.scope_id} was not found, or you cannot read its packages.`,
    );
  }
  const set = renderSnippets(q.type, {
    instanceUrl: env().gitlabUrl,
    scope: { kind: q.scope, id: q.scope_id },
    credential: credentialFor(q.auth, { username: q.username }),
    packageName: q.package,
    version: q.version,
    rootNamespace: scope.rootNamespace,
  });
  return { ...set, scopePath: scope.path };
}

export const listSnippetScopes = (user: CurrentUser) => listReadableSnippetScopes(toReader(user));
