import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { syncRuns } from "@/db/schema";

export type SyncRun = typeof syncRuns.$inferSelect;
export type SyncRunCounters = Omit<
  typeof syncRuns.$inferInsert,
  "id" | "kind" | "trigger" | "status" | "startedAt" | "finishedAt"
>;

/** Opens a run. Only the sync lock's holder calls this, so any other "running" row is dead. */
export async function createSyncRun(
  kind: SyncRun["kind"],
  trigger: SyncRun["trigger"],
): Promise<number> {
  const db = getDb();
  await db
    .update(syncRuns)
    .set({
      status: "failed",
      finishedAt: sql`now()`,
      errorMessages: sql`error_messages || '["interrupted"]'::jsonb`,
    })
    .where(eq(syncRuns.status, "running"));
  const [row] = await db
    .insert(syncRuns)
    .values({ kind, trigger, status: "running" })
    .returning({ id: syncRuns.id });
  return row.id;
}

export async function updateSyncRun(runId: number, counters: SyncRunCounters): Promise<void> {
  await getDb().update(syncRuns).set(counters).where(eq(syncRuns.id, runId));
}

export async function finishSyncRun(
  runId: number,
  counters: SyncRunCounters,
  status: "succeeded" | "partial" | "failed",
): Promise<void> {
  await getDb()
    .update(syncRuns)
    .set({ ...counters, status, finishedAt: sql`now()` })
    .where(eq(syncRuns.id, runId));
}

export async function getLatestSyncRun(): Promise<SyncRun | null> {
  const [row] = await getDb().select().from(syncRuns).orderBy(desc(syncRuns.id)).limit(1);
  return row ?? null;
}

export async function getLastFinishedSyncRun(): Promise<SyncRun | null> {
  const [row] = await getDb()
    .select()
    .from(syncRuns)
    .where(sql`${syncRuns.finishedAt} is not null and ${syncRuns.status} <> 'failed'`)
    .orderBy(desc(syncRuns.id))
    .limit(1);
  return row ?? null;
}
