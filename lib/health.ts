import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { env } from "@/lib/env";

export type Health = { status: "ok" | "degraded"; db: "ok" | "error"; gitlab: "ok" | "error" };

export async function checkHealth(): Promise<Health> {
  const [db, gitlab] = await Promise.all([
    getDb()
      .execute(sql`select 1`)
      .then(() => "ok" as const)
      .catch(() => "error" as const),
    fetch(`${env().gitlabUrl}/api/v4/version`, { signal: AbortSignal.timeout(5000) })
      // 401 still proves GitLab is up and answering its API.
      .then((r) => (r.status < 500 ? ("ok" as const) : ("error" as const)))
      .catch(() => "error" as const),
  ]);
  return { status: db === "ok" && gitlab === "ok" ? "ok" : "degraded", db, gitlab };
}
