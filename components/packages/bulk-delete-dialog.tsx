"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { formatBytes } from "@/lib/format";
import { runBulkInChunks } from "@/lib/packages/bulk-runner";
import type { DeleteResult, DeleteSummary } from "@/lib/packages/results";
import { BulkResultList } from "./bulk-result-list";
import { useBulkSelection, type SelectableVersion } from "./bulk-selection";
import { apiFetch, queryKeys } from "@/lib/api/client";

type Stage = "confirm" | "running" | "done";

const sendChunk = (ids: number[]) =>
  apiFetch<DeleteSummary>("/api/packages/bulk-delete", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ids }),
  });

export function BulkDeleteDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { selected, remove } = useBulkSelection();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [stage, setStage] = useState<Stage>("confirm");
  const [targets, setTargets] = useState<SelectableVersion[]>([]);
  const [results, setResults] = useState<Map<number, DeleteResult>>(new Map());
  const [batch, setBatch] = useState({ done: 0, total: 0 });

  const rows = stage === "confirm" ? [...selected.values()] : targets;
  const bytes = rows.reduce((s, r) => s + (r.sizeBytes ?? 0), 0);
  const failed = [...results.values()].filter((r) => r.status === "failed");

  async function run(ids: number[]) {
    setStage("running");
    setBatch({ done: 0, total: ids.length });
    const all = await runBulkInChunks(ids, sendChunk, (done) => {
      setBatch({ done: done.length, total: ids.length });
      setResults((prev) => new Map([...prev, ...done.map((r) => [r.id, r] as const)]));
    });
    const deleted = all.filter((r) => r.ok).map((r) => r.id);
    remove(deleted);
    setStage("done");
    const bad = all.length - deleted.length;
    if (bad) toast.warning(`Deleted ${deleted.length} of ${all.length}; ${bad} not deleted.`);
    else
      toast.success(`Deleted ${deleted.length} ${deleted.length === 1 ? "version" : "versions"}.`);
    await queryClient.invalidateQueries({ queryKey: queryKeys.catalog });
    router.refresh();
  }

  function start() {
    const snapshot = [...selected.values()];
    setTargets(snapshot);
    setResults(new Map());
    void run(snapshot.map((r) => r.id));
  }

  function close(next: boolean) {
    if (stage === "running") return; // the run finishes first; closing would hide its outcome
    onOpenChange(next);
    if (!next) setStage("confirm");
  }

  return (
    <AlertDialog open={open} onOpenChange={close}>
      <AlertDialogContent className="max-w-xl">
        <AlertDialogHeader>
          <AlertDialogTitle>
            {stage === "confirm"
              ? `Delete ${rows.length} ${rows.length === 1 ? "version" : "versions"}?`
              : stage === "running"
                ? "Deleting…"
                : "Bulk delete finished"}
          </AlertDialogTitle>
          <AlertDialogDescription>
            {stage === "confirm"
              ? `${rows.length} versions, ${formatBytes(bytes)} in total, are deleted from GitLab. Each is re-checked against your role in its project first. This cannot be undone.`
              : `${batch.done} of ${batch.total} processed.`}
          </AlertDialogDescription>
        </AlertDialogHeader>
        {stage !== "confirm" ? (
          <Progress
            label="Bulk delete progress"
            value={batch.done}
            max={Math.max(batch.total, 1)}
            valueText={`${batch.done} of ${batch.total} processed`}
            data-testid="bulk-progress"
          />
        ) : null}
        <BulkResultList rows={rows} results={results} />
        <AlertDialogFooter>
          {stage === "confirm" ? (
            <>
              <AlertDialogCancel>Cancel</AlertDialogCancel>
              <Button variant="destructive" onClick={start} disabled={!rows.length}>
                Delete {rows.length} {rows.length === 1 ? "version" : "versions"}
              </Button>
            </>
          ) : (
            <>
              {stage === "done" && failed.length ? (
                <Button variant="outline" onClick={() => void run(failed.map((r) => r.id))}>
                  Retry failed ({failed.length})
                </Button>
              ) : null}
              <Button onClick={() => close(false)} disabled={stage === "running"}>
                Close
              </Button>
            </>
          )}
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
