import { GitbeakerRequestError, GitbeakerRetryError, GitbeakerTimeoutError } from "@gitbeaker/rest";
import { AppError } from "@/lib/errors";

export function gitlabStatus(e: unknown): number | undefined {
  if (e instanceof GitbeakerRequestError) {
    const cause = e.cause as { response?: Response } | undefined;
    return cause?.response?.status;
  }
  return undefined;
}

/** Turns a failed GitLab call into the portal's error vocabulary, with a message a person can act on. */
export function toAppError(e: unknown, what = "GitLab"): AppError {
  if (e instanceof AppError) return e;
  const status = gitlabStatus(e);
  const text = e instanceof Error ? e.message : String(e);
  if (status === 401) {
    if (/expired|revoked|Bad Access Token|invalid_token/i.test(text))
      return new AppError(
        "reauth_required",
        "Your GitLab sign-in has expired. Please sign in again.",
      );
    return new AppError("unauthenticated", "GitLab did not accept the token.");
  }
  if (status === 403) {
    if (/insufficient_scope|higher privileges/i.test(text))
      return new AppError("forbidden", "The GitLab token lacks the `api` scope needed for this.");
    return new AppError("forbidden", `GitLab refused: ${text || "403 Forbidden"}`);
  }
  if (status === 404)
    return new AppError("not_found", `${what} was not found in GitLab, or you cannot see it.`);
  if (status === 429)
    return new AppError("rate_limited", "GitLab is rate-limiting requests. Try again in a minute.");
  if (status === 400 || status === 422)
    return new AppError("bad_request", `GitLab rejected the request: ${text}`);
  if (e instanceof GitbeakerTimeoutError || (e instanceof Error && e.name === "TimeoutError")) {
    return new AppError(
      "gitlab_timeout",
      "GitLab did not answer in time. The portal changed nothing; if you asked for a delete, check the package before trying again.",
    );
  }
  if (
    (status && status >= 500) ||
    e instanceof GitbeakerRetryError ||
    e instanceof TypeError // fetch failed: connection refused, DNS, reset
  ) {
    return new AppError(
      "gitlab_unavailable",
      "GitLab is not answering right now. Try again shortly.",
    );
  }
  // None of GitLab's answers the portal knows. Logged (name and message: GitLab's and fetch's
  // carry no token) so that the next one can be told apart; an e2e run met one once under load.
  console.error(
    `[gitlab] unexpected error (${what}):`,
    e instanceof Error ? `${e.name}: ${e.message}` : String(e),
  );
  return new AppError("gitlab_unavailable", "Unexpected answer from GitLab.");
}
