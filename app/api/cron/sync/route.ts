// POST /api/cron/sync — run a catalog sync now (Bearer $CRON_SECRET); 409 if one is running.
// ?allow_mass_removal=1 lets this one full run remove more than PORTAL_SYNC_MAX_REMOVAL_PERCENT.
import { NextResponse } from "next/server";
import { z } from "zod";
import { route } from "@/lib/api/route";
import { runSync } from "@/lib/sync/sync";

const query = z.object({
  kind: z.enum(["incremental", "full"]).default("incremental"),
  allow_mass_removal: z.enum(["0", "1"]).default("0"),
});

export const maxDuration = 300;

export const POST = route({ auth: "cron", query }, async ({ query }) => {
  const summary = await runSync({
    kind: query.kind,
    trigger: "cron",
    allowMassRemoval: query.allow_mass_removal === "1",
  });
  return NextResponse.json(summary, { status: summary.status === "already_running" ? 409 : 200 });
});
