// GET /api/sync — latest sync run and its progress; POST /api/sync — admins start one (202)
import { NextResponse } from "next/server";
import { z } from "zod";
import { route } from "@/lib/api/route";
import { startSyncInBackground, syncStatus } from "@/lib/sync/sync-status";
import { AppError } from "@/lib/errors";

export const GET = route({ auth: "user" }, () => syncStatus());

const query = z.object({ kind: z.enum(["incremental", "full"]).default("incremental") });

export const POST = route({ auth: "user", query }, async ({ identity, query }) => {
  if (!identity.user.isAdmin)
    throw new AppError("forbidden", "Only administrators can start a sync.");
  const started = await startSyncInBackground(query.kind);
  if (!started.started) throw new AppError("conflict", "A sync is already running.");
  return NextResponse.json(started, { status: 202 });
});
