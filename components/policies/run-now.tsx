"use client";

import { Play, ShieldAlert } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { formatBytes } from "@/lib/format";
import type { RunView } from "@/lib/retention/runs";
import { callPolicyApi } from "./policy-api";

/** "Run now": a dry run, or an enforcing run behind a confirmation, with live progress. */
export function RunNow({ policyId, scopePath }: { policyId: number; scopePath: string }) {
  const router = useRouter();
  const [runId, setRunId] = useState<number | null>(null);
  const [run, setRun] = useState<RunView | null>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    if (runId === null) return;
    let stop = false;
    const poll = async () => {
      try {
        const { run } = await callPolicyApi<{ run: RunView }>(
          `/api/policies/${policyId}/runs/${runId}?per_page=1`,
        );
        if (stop) return;
        setRun(run);
        if (run.status === "running") return void setTimeout(poll, 800);
        const what =
          run.mode === "dry_run"
            ? `${run.would_delete} would be deleted`
            : `${run.deleted} deleted, ${formatBytes(run.bytes_freed, "0 B")} freed`;
        const notice = run.status === "succeeded" ? toast.success : toast.warning;
        notice(`Run ${run.status}`, {
          description: `${what}; ${run.skipped} skipped, ${run.failed} failed.`,
        });
        router.refresh();
      } catch (e) {
        if (!stop) toast.error("Lost track of the run", { description: (e as Error).message });
      }
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [runId, policyId, router]);

  async function start(mode: "dry_run" | "enforce") {
    setStarting(true);
    setRun(null);
    try {
      const res = await callPolicyApi<{ run_id: number }>(
        `/api/policies/${policyId}/runs`,
        "POST",
        { mode },
      );
      setRunId(res.run_id);
      toast.info(mode === "enforce" ? "Enforcing run started" : "Dry run started");
    } catch (e) {
      toast.error("Could not start the run", { description: (e as Error).message });
    } finally {
      setStarting(false);
    }
  }

  const done = run ? run.deleted + run.would_delete + run.skipped + run.failed : 0;
  const busy = starting || run?.status === "running" || (runId !== null && !run);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Run now</CardTitle>
        <CardDescription>Same run as the scheduler&apos;s, for this policy only.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-3">
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" disabled={busy} onClick={() => void start("dry_run")}>
            <Play aria-hidden /> Dry run
          </Button>
          <AlertDialog>
            <AlertDialogTrigger asChild>
              <Button variant="destructive" disabled={busy}>
                <ShieldAlert aria-hidden /> Enforce…
              </Button>
            </AlertDialogTrigger>
            <AlertDialogContent>
              <AlertDialogHeader>
                <AlertDialogTitle>Delete what the preview lists?</AlertDialogTitle>
                <AlertDialogDescription>
                  This deletes, in GitLab, the versions and files the preview shows for {scopePath},
                  each re-checked just before it goes. It cannot be undone.
                </AlertDialogDescription>
              </AlertDialogHeader>
              <AlertDialogFooter>
                <AlertDialogCancel>Cancel</AlertDialogCancel>
                <AlertDialogAction variant="destructive" onClick={() => void start("enforce")}>
                  Enforce now
                </AlertDialogAction>
              </AlertDialogFooter>
            </AlertDialogContent>
          </AlertDialog>
        </div>
        {runId !== null ? (
          <div className="space-y-1" data-testid="run-progress">
            <Progress
              label="Retention run"
              value={run && run.planned ? done : run?.status === "running" || !run ? null : 1}
              max={run?.planned || 1}
              valueText={run ? `${done} of ${run.planned}` : "starting"}
            />
            <p className="text-xs text-muted-foreground">
              {run ? `${run.status} — ${done} of ${run.planned} processed` : "Starting…"}{" "}
              <Link className="underline" href={`/policies/${policyId}/runs?run=${runId}`}>
                View run
              </Link>
            </p>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
