import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { GitlabApi } from "./client";
import { toAppError } from "./errors";

// GitLab's GraphQL API (`POST /api/graphql`) with the acting user's credential. GitLab answers
// HTTP 200 even when it refuses: the refusal is a top-level `errors` array (not found, no
// permission, invalid input) or a mutation payload's `errors`. Both come back as GraphqlRefusal.

export class GraphqlRefusal extends AppError {
  constructor(readonly messages: string[]) {
    super("forbidden", `GitLab refused: ${messages.join("; ")}`, { gitlab_errors: messages });
  }
}

export async function gitlabGraphql<T>(
  api: GitlabApi,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const [authHeader, authValue] = Object.entries(api.Projects.authHeaders)[0] ?? [];
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (authHeader) headers[authHeader] = await authValue();
  let res: Response;
  try {
    res = await fetch(`${env().gitlabUrl.replace(/\/+$/, "")}/api/graphql`, {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    throw toAppError(e);
  }
  if (res.status === 401)
    throw new AppError("reauth_required", "Your GitLab sign-in has expired. Please sign in again.");
  if (!res.ok) {
    await res.body?.cancel();
    if (res.status === 403)
      throw new AppError("forbidden", "The GitLab token lacks the `api` scope needed for this.");
    throw new AppError(
      "gitlab_unavailable",
      "GitLab is not answering right now. Try again shortly.",
    );
  }
  const json = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (json.errors?.length) throw new GraphqlRefusal(json.errors.map((e) => e.message));
  if (!json.data) throw new AppError("gitlab_unavailable", "Unexpected answer from GitLab.");
  return json.data;
}
