import { and, asc, desc, eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { retentionRunActions, retentionRuns, type RunAction } from "@/db/schema";

// Retention runs and their per-package actions. Counters are bumped as a run goes, so the
// run history shows progress while it is still running.

export type RunRow = typeof retentionRuns.$inferSelect;
export type RunActionRow = typeof retentionRunActions.$inferSelect;
export type NewRunAction = Omit<typeof retentionRunActions.$inferInsert, "runId" | "id" | "at">;

export async function createRun(
  run: Pick<RunRow, "policyId" | "trigger" | "mode"> & { startedBy?: string | null },
  tx: DbOrTx = getDb(),
): Promise<RunRow> {
  const [row] = await tx.insert(retentionRuns).values(run).returning();
  return row;
}

const COUNTER = {
  deleted: retentionRuns.deleted,
  would_delete: retentionRuns.wouldDelete,
  kept: retentionRuns.kept,
  skipped: retentionRuns.skipped,
  failed: retentionRuns.failed,
} as const;

/** Records actions and bumps the run's counters (and bytes freed for deletions) in one go. */
export async function recordRunActions(runId: number, actions: NewRunAction[]): Promise<void> {
  if (!actions.length) return;
  await getDb().transaction(async (t) => {
    for (let i = 0; i < actions.length; i += 1000)
      await t
        .insert(retentionRunActions)
        .values(actions.slice(i, i + 1000).map((a) => ({ ...a, runId })));
    const counts: Partial<Record<RunAction, number>> = {};
    let freed = 0;
    for (const a of actions) {
      counts[a.action] = (counts[a.action] ?? 0) + 1;
      if (a.action === "deleted") freed += a.sizeBytes ?? 0;
    }
    const set: Record<string, unknown> = {
      bytesFreed: sql`${retentionRuns.bytesFreed} + ${freed}`,
    };
    for (const [action, n] of Object.entries(counts))
      set[action === "would_delete" ? "wouldDelete" : action] =
        sql`${COUNTER[action as RunAction]} + ${n}`;
    await t.update(retentionRuns).set(set).where(eq(retentionRuns.id, runId));
  });
}

export async function updateRun(
  runId: number,
  values: Partial<Pick<RunRow, "planned" | "bytesPlanned" | "remaining" | "message" | "status">>,
  tx: DbOrTx = getDb(),
): Promise<void> {
  await tx.update(retentionRuns).set(values).where(eq(retentionRuns.id, runId));
}

export async function finishRun(
  runId: number,
  status: RunRow["status"],
  message: string | null,
  tx: DbOrTx = getDb(),
): Promise<RunRow> {
  const [row] = await tx
    .update(retentionRuns)
    .set({ status, message, finishedAt: sql`now()` })
    .where(eq(retentionRuns.id, runId))
    .returning();
  return row;
}

export async function getRun(runId: number, tx: DbOrTx = getDb()): Promise<RunRow | undefined> {
  const [row] = await tx.select().from(retentionRuns).where(eq(retentionRuns.id, runId));
  return row;
}

export async function listRuns(policyId: number, limit = 50, tx: DbOrTx = getDb()) {
  return tx
    .select()
    .from(retentionRuns)
    .where(eq(retentionRuns.policyId, policyId))
    .orderBy(desc(retentionRuns.startedAt), desc(retentionRuns.id))
    .limit(limit);
}

export async function listRunActions(
  runId: number,
  opts: { action?: RunAction; limit?: number; offset?: number } = {},
  tx: DbOrTx = getDb(),
): Promise<{ items: RunActionRow[]; total: number }> {
  const where = and(
    eq(retentionRunActions.runId, runId),
    opts.action ? eq(retentionRunActions.action, opts.action) : undefined,
  );
  const [items, [{ count }]] = await Promise.all([
    tx
      .select()
      .from(retentionRunActions)
      .where(where)
      .orderBy(asc(retentionRunActions.id))
      .limit(opts.limit ?? 100)
      .offset(opts.offset ?? 0),
    tx
      .select({ count: sql<number>`count(*)::int` })
      .from(retentionRunActions)
      .where(where),
  ]);
  return { items, total: count };
}

/** Package ids a policy's earlier runs already deleted (a resumed run must never repeat one). */
export async function listDeletedByPolicy(policyId: number, tx: DbOrTx = getDb()) {
  const rows = await tx
    .select({ packageId: retentionRunActions.packageId, fileId: retentionRunActions.fileId })
    .from(retentionRunActions)
    .innerJoin(retentionRuns, eq(retentionRuns.id, retentionRunActions.runId))
    .where(and(eq(retentionRuns.policyId, policyId), eq(retentionRunActions.action, "deleted")));
  return rows;
}

/** A run left "running" by a crashed process: close it so the history does not lie. */
export async function closeAbandonedRuns(tx: DbOrTx = getDb()): Promise<void> {
  await tx
    .update(retentionRuns)
    .set({ status: "failed", message: "The process running it stopped.", finishedAt: sql`now()` })
    .where(eq(retentionRuns.status, "running"));
}
