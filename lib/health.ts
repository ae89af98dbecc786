import { pingDatabase } from "@/db/queries/health";
import { within } from "@/lib/bounded";
import { isGitlabAnswering } from "@/lib/gitlab/version";
import {
  LIMITED_ACCESS_MESSAGE,
  serviceAccess,
  type ServiceAccess,
} from "@/lib/sync/service-access";

export type Health = {
  status: "ok" | "degraded";
  db: "ok" | "error";
  gitlab: "ok" | "error";
  /** What the sync's service token can do: "limited" = not acting as admin (see message). */
  gitlabServiceAccess: ServiceAccess;
  message?: string;
};

export async function checkHealth(): Promise<Health> {
  // A hung server or a wedged pool is "error" within 3 s, not a health check that never answers.
  const [dbUp, gitlabUp] = await Promise.all([
    within(3_000, pingDatabase(), () => false),
    isGitlabAnswering(),
  ]);
  const db = dbUp ? "ok" : "error";
  const gitlab = gitlabUp ? "ok" : "error";
  // A token that cannot act as admin is a warning, not an outage: the portal still serves.
  const access = gitlabUp ? await serviceAccess() : "unknown";
  return {
    status: db === "ok" && gitlab === "ok" ? "ok" : "degraded",
    db,
    gitlab,
    gitlabServiceAccess: access,
    ...(access === "limited" ? { message: LIMITED_ACCESS_MESSAGE } : {}),
  };
}
