import { getAccessToken, tokenAfterRefusal } from "@/lib/auth/tokens";
import { gitlabClient, type GitlabApi } from "./client";
import type { RetryPolicy } from "./requester";

/** A client acting as the signed-in user; the token is fetched (and refreshed) per request. */
export function userGitlab(
  userId: number,
  opts?: { retry?: RetryPolicy; timeoutMs?: number },
): GitlabApi {
  return gitlabClient(
    {
      kind: "oauth",
      token: () => getAccessToken(userId),
      renew: (refused) => tokenAfterRefusal(userId, refused),
    },
    opts,
  );
}
