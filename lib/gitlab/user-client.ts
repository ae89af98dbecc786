import { getAccessToken } from "@/lib/auth/tokens";
import { gitlabClient, type GitlabApi } from "./client";

/** A client acting as the signed-in user; the token is fetched (and refreshed) per request. */
export function userGitlab(userId: number): GitlabApi {
  return gitlabClient({ kind: "oauth", token: () => getAccessToken(userId) });
}
