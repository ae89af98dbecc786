import { z } from "zod";
import type { GitlabProfile } from "@/db/queries/users";
import type { GitlabApi } from "./client";

// GET /user: who a credential belongs to. Parsed, since we store it and branch on the flags;
// unknown fields are ignored (GitLab adds them release by release).

const currentUser = z.looseObject({
  id: z.number().int(),
  username: z.string(),
  name: z.string().nullish(),
  avatar_url: z.string().nullish(),
  is_admin: z.boolean().optional(),
  external: z.boolean().optional(),
});

export async function getCurrentGitlabUser(api: GitlabApi): Promise<GitlabProfile> {
  return currentUser.parse(await api.Users.showCurrentUser());
}
