import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { syncRuns } from "@/db/schema";

// Progress of one run, kept in memory and flushed to sync_runs at most every 500 ms so a
// 1000-page walk does not add 1000 extra writes, while the UI still sees it move.

export type SyncKind = "incremental" | "full";
export type SyncTrigger = "cron" | "schedule" | "manual" | "test";

export type Counters = {
  groupsTotal: number;
  groupsDone: number;
  pages: number;
  packagesSeen: number;
  packagesUpserted: number;
  packagesRemoved: number;
  filesFetched: number;
  errors: number;
  errorMessages: string[];
};

export class SyncProgress {
  readonly counters: Counters = {
    groupsTotal: 0,
    groupsDone: 0,
    pages: 0,
    packagesSeen: 0,
    packagesUpserted: 0,
    packagesRemoved: 0,
    filesFetched: 0,
    errors: 0,
    errorMessages: [],
  };
  private lastFlush = 0;
  private pending: Promise<unknown> = Promise.resolve();

  private constructor(readonly runId: number) {}

  static async start(kind: SyncKind, trigger: SyncTrigger): Promise<SyncProgress> {
    const db = getDb();
    // Only the lock holder gets here, so any other "running" row was left by a dead process.
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
    return new SyncProgress(row.id);
  }

  error(message: string): void {
    this.counters.errors++;
    if (this.counters.errorMessages.length < 50) this.counters.errorMessages.push(message);
  }

  tick(): void {
    if (Date.now() - this.lastFlush < 500) return;
    this.lastFlush = Date.now();
    this.pending = this.pending.then(() => this.write()).catch(() => {});
  }

  private write() {
    return getDb()
      .update(syncRuns)
      .set({ ...this.counters })
      .where(eq(syncRuns.id, this.runId));
  }

  async finish(status: "succeeded" | "partial" | "failed"): Promise<void> {
    await this.pending;
    await getDb()
      .update(syncRuns)
      .set({ ...this.counters, status, finishedAt: sql`now()` })
      .where(eq(syncRuns.id, this.runId));
  }
}

export async function getLatestSyncRun() {
  const [row] = await getDb().select().from(syncRuns).orderBy(desc(syncRuns.id)).limit(1);
  return row ?? null;
}

export async function getLastFinishedSyncRun() {
  const [row] = await getDb()
    .select()
    .from(syncRuns)
    .where(sql`${syncRuns.finishedAt} is not null and ${syncRuns.status} <> 'failed'`)
    .orderBy(desc(syncRuns.id))
    .limit(1);
  return row ?? null;
}
