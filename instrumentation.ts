// Next calls register() once per server start. The scheduler (and the database and GitLab
// clients it pulls in) only exist in the Node runtime, hence the dynamic import.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startSyncSchedule } = await import("@/lib/sync/scheduler");
    startSyncSchedule();
    const { startRetentionSchedule } = await import("@/lib/retention/scheduler");
    startRetentionSchedule();
    // The catalog search without Next's router (scripts/portal-worker.mjs): the same handler.
    const [{ publishDirectRoute }, catalog] = await Promise.all([
      import("@/lib/server/direct-routes"),
      import("@/app/api/packages/route"),
    ]);
    publishDirectRoute("/api/packages", catalog.GET);
  }
}
