import { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { remainingMs } from "@/lib/gitlab/deadline";
import { DEFAULT_RETRY, discardBody, retryDelayMs } from "@/lib/gitlab/requester";

// Direct calls to GitLab's OAuth endpoints (next-auth v4 does not refresh or revoke).

const tokenResponse = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  expires_in: z.number().optional(),
  scope: z.string().optional(),
  created_at: z.number().optional(),
});
export type TokenSet = z.infer<typeof tokenResponse>;

export class InvalidGrantError extends Error {}

function clientBody(extra: Record<string, string>): URLSearchParams {
  const e = env();
  return new URLSearchParams({
    client_id: e.oauthClientId,
    client_secret: e.oauthClientSecret,
    ...extra,
  });
}

const ATTEMPTS = 3;

/**
 * Waits `ms` before the attempt after `attempt`; false (at once) when there is none: that was
 * the last, or the wait leaves no room for another in the request's deadline.
 */
async function backOff(attempt: number, ms: number): Promise<boolean> {
  if (attempt === ATTEMPTS - 1 || ms + 50 >= remainingMs()) return false;
  await new Promise((r) => setTimeout(r, ms));
  return true;
}

export async function refreshAccessToken(refreshToken: string): Promise<TokenSet> {
  const e = env();
  let lastError: unknown;
  let throttled = false;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    // Within the request's deadline: no attempt or back-off that could not finish in it.
    const budget = Math.min(15_000, remainingMs());
    if (budget <= 50) break;
    let res: Response;
    try {
      res = await fetch(`${e.gitlabUrl}/oauth/token`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        },
        body: clientBody({
          grant_type: "refresh_token",
          refresh_token: refreshToken,
          redirect_uri: `${e.nextAuthUrl}/api/auth/callback/gitlab`,
        }),
        signal: AbortSignal.timeout(budget),
      });
    } catch (err) {
      lastError = err;
      throttled = false;
      if (!(await backOff(attempt, 300 * 2 ** attempt))) break;
      continue;
    }
    if (res.ok) return tokenResponse.parse(await res.json());
    throttled = res.status === 429;
    if (throttled) {
      // Rate-limited (Rack::Attack's throttles reach /oauth/token): wait as GitLab says, if
      // the request's deadline leaves room for it and another attempt.
      await discardBody(res);
      lastError = new Error("GitLab token endpoint answered 429");
      if (!(await backOff(attempt, retryDelayMs(attempt, res.headers, DEFAULT_RETRY)))) break;
      continue;
    }
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    if (res.status === 400 || res.status === 401) {
      // invalid_grant: the refresh token was used, revoked or belongs to another client.
      throw new InvalidGrantError(body.error ?? `status ${res.status}`);
    }
    lastError = new Error(`GitLab token endpoint answered ${res.status}`);
    if (!(await backOff(attempt, 300 * 2 ** attempt))) break;
  }
  console.error(
    "[auth] token refresh failed:",
    lastError instanceof Error ? lastError.message : lastError,
  );
  if (throttled)
    throw new AppError(
      "rate_limited",
      "GitLab is rate-limiting sign-in renewals, so yours could not be renewed now. Try again in a minute.",
    );
  throw new AppError(
    "gitlab_unavailable",
    "GitLab is not answering right now, so your sign-in could not be renewed. Try again shortly.",
  );
}

export async function revokeToken(token: string): Promise<void> {
  const e = env();
  try {
    await fetch(`${e.gitlabUrl}/oauth/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: clientBody({ token }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    // Best effort: the local copy is deleted either way.
  }
}
