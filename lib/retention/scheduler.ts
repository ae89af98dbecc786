import { env } from "@/lib/env";
import { runRetention } from "./run";

// The demo's in-process retention schedule (instrumentation.ts starts it), like the sync's.
// Production calls POST /api/cron/retention from a scheduler instead (README). Overlaps are
// harmless: the advisory lock turns a second run into "already running".

let timer: NodeJS.Timeout | undefined;

async function tick(): Promise<void> {
  try {
    const summary = await runRetention({ trigger: "schedule" });
    if (summary.status === "completed" && summary.runs.some((r) => r.status === "failed"))
      console.warn("[retention] a scheduled run had failures; see the run history");
  } catch (e) {
    console.error("[retention] scheduled run crashed", e instanceof Error ? e.message : e);
  }
}

export function startRetentionSchedule(): void {
  const minutes = env().retentionIntervalMinutes;
  if (minutes <= 0 || timer) return;
  timer = setInterval(() => void tick(), minutes * 60_000);
  timer.unref();
}
