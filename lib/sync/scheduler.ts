import { env } from "@/lib/env";
import { drainFiles } from "./files";
import { runSync } from "./sync";

// The demo's in-process schedule (instrumentation.ts starts it): an incremental sync at
// startup and every N minutes, each followed by the file backfill, batch after batch until every version has its files. Overlaps are
// harmless: the advisory lock turns a second run into "already running".

let timer: NodeJS.Timeout | undefined;

async function tick(): Promise<void> {
  try {
    const summary = await runSync({ kind: "incremental", trigger: "schedule" });
    if (summary.status === "failed")
      console.warn("[sync] scheduled sync failed", summary.errorMessages);
    await drainFiles({ batch: 500, concurrency: 4 });
  } catch (e) {
    console.error("[sync] scheduled sync crashed", e instanceof Error ? e.message : e);
  }
}

export function startSyncSchedule(): void {
  const minutes = env().syncIntervalMinutes;
  if (minutes <= 0 || timer) return;
  void tick();
  timer = setInterval(() => void tick(), minutes * 60_000);
  timer.unref();
}
