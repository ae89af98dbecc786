import { pingDatabase } from "@/db/queries/health";
import { isGitlabAnswering } from "@/lib/gitlab/version";

export type Health = { status: "ok" | "degraded"; db: "ok" | "error"; gitlab: "ok" | "error" };

export async function checkHealth(): Promise<Health> {
  const [dbUp, gitlabUp] = await Promise.all([pingDatabase(), isGitlabAnswering()]);
  const db = dbUp ? "ok" : "error";
  const gitlab = gitlabUp ? "ok" : "error";
  return { status: db === "ok" && gitlab === "ok" ? "ok" : "degraded", db, gitlab };
}
