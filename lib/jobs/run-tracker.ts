// Run tracking for background jobs (sync now, retention next): a run is started (a row in
// the job's own table), its counters move in memory and are flushed at most every 500 ms —
// so a 1000-page walk does not add 1000 writes while the UI still sees it move — errors are
// counted and the first 50 kept, and the run is finished with a status.

export type RunStatus = "succeeded" | "partial" | "failed";
export type RunErrors = { errors: number; errorMessages: string[] };

/** Where a job keeps its runs (db/queries/<job>-runs.ts). */
export type RunStore<C> = {
  write(runId: number, counters: C & RunErrors): Promise<unknown>;
  finish(runId: number, counters: C & RunErrors, status: RunStatus): Promise<unknown>;
};

const FLUSH_MS = 500;
const MAX_MESSAGES = 50;

export class RunTracker<C extends object> {
  readonly counters: C & RunErrors;
  private lastFlush = 0;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    readonly runId: number,
    initial: C,
    private store: RunStore<C>,
  ) {
    this.counters = { ...initial, errors: 0, errorMessages: [] };
  }

  error(message: string): void {
    this.counters.errors++;
    if (this.counters.errorMessages.length < MAX_MESSAGES)
      this.counters.errorMessages.push(message);
  }

  /** A message for the run's readers that is not an error (the status stays as it is). */
  notice(message: string): void {
    if (this.counters.errorMessages.length < MAX_MESSAGES)
      this.counters.errorMessages.push(message);
  }

  /** Progress moved: flushed unless the last flush was under FLUSH_MS ago. */
  tick(): void {
    if (Date.now() - this.lastFlush < FLUSH_MS) return;
    this.lastFlush = Date.now();
    this.pending = this.pending
      .then(() => this.store.write(this.runId, { ...this.counters }))
      .catch(() => {});
  }

  async finish(status: RunStatus): Promise<void> {
    await this.pending;
    await this.store.finish(this.runId, { ...this.counters }, status);
  }
}
