// POST /api/cron/retention — run every enabled retention policy now (Bearer $CRON_SECRET);
// 409 "already running" while another replica or process holds the retention lock
import { NextResponse } from "next/server";
import { route } from "@/lib/api/route";
import { runRetention } from "@/lib/retention/run";

export const maxDuration = 300;

export const POST = route({ auth: "cron" }, async () => {
  const summary = await runRetention({ trigger: "cron" });
  if (summary.status === "already_running")
    return NextResponse.json(
      { error: { code: "conflict", message: "A retention run is already running." }, ...summary },
      { status: 409 },
    );
  return summary;
});
