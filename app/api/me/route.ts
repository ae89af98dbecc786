// GET /api/me — who the caller is, checked live against GitLab with their own credential.
import { route } from "@/lib/api/route";
import { toAppError } from "@/lib/gitlab/errors";
import { getCurrentGitlabUser } from "@/lib/gitlab/users";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "user" }, async ({ identity }) => {
  const live = await getCurrentGitlabUser(identity.gitlab).catch((e) => {
    throw toAppError(e, "Your user");
  });
  return {
    id: identity.user.id,
    username: identity.user.username,
    name: identity.user.name,
    is_admin: identity.user.isAdmin,
    via: identity.via,
    gitlab: { connected: live.id === identity.user.id },
  };
});
