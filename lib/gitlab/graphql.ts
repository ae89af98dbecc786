import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { renewAuthOf, type GitlabApi } from "./client";
import { DEFAULT_RETRY, makeRequestHandler } from "./requester";
import { gitlabStatus, toAppError } from "./errors";

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
  // As for REST: back-off on 429 and 503 (GitLab did not process the request, so a mutation
  // may be sent again), Retry-After honoured, each attempt within the request's deadline, and
  // a 401 for a token rotated meanwhile sent again with the current one (requester.ts).
  const post = makeRequestHandler(DEFAULT_RETRY, 30_000, {
    renewAuth: renewAuthOf(api),
  });
  let json: { data?: T; errors?: { message: string }[] } | null;
  try {
    const res = await post("api/graphql", {
      method: "POST",
      prefixUrl: env().gitlabUrl,
      headers,
      body: JSON.stringify({ query, variables }),
    });
    json = res.body as typeof json;
  } catch (e) {
    const status = gitlabStatus(e);
    if (status === 401)
      throw new AppError(
        "reauth_required",
        "Your GitLab sign-in has expired. Please sign in again.",
      );
    if (status === 403)
      throw new AppError("forbidden", "The GitLab token lacks the `api` scope needed for this.");
    throw toAppError(e);
  }
  if (json?.errors?.length) throw new GraphqlRefusal(json.errors.map((e) => e.message));
  if (!json?.data) throw new AppError("gitlab_unavailable", "Unexpected answer from GitLab.");
  return json.data;
}
