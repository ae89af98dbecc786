"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, queryKeys } from "@/lib/api/client";
import { RefreshCw } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import type { SyncStatusView } from "@/lib/sync/sync-status";
import { formatDateTime } from "./format";
import { formatCount } from "@/lib/format";

// "Last sync" line, a progress bar while a run is going (polled), and admins' "Sync now".

const fetchStatus = () => apiFetch<SyncStatusView>("/api/sync");

export function SyncStatus({ initial, isAdmin }: { initial: SyncStatusView; isAdmin: boolean }) {
  const client = useQueryClient();
  const { data } = useQuery({
    queryKey: queryKeys.syncStatus,
    queryFn: fetchStatus,
    initialData: initial,
    // Polled while a sync runs or sizes are still being fetched.
    refetchInterval: (q) =>
      q.state.data?.running ? 2000 : q.state.data?.sizes.unknown ? 10_000 : false,
  });
  const start = useMutation({
    mutationFn: () => apiFetch("/api/sync", { method: "POST" }),
    onSuccess: () => {
      toast.success("Sync started");
      void client.invalidateQueries({ queryKey: queryKeys.syncStatus });
    },
    onError: (e) => toast.error((e as Error).message),
  });
  const running = data.running;
  const last = data.last;
  const sizes = data.sizes;
  return (
    <div className="flex flex-col gap-2 text-sm text-muted-foreground sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0 flex-1" aria-live="polite">
        {running ? (
          <div className="flex flex-col gap-1.5">
            <span>
              Syncing ({running.kind}): {running.groupsDone} of {running.groupsTotal || "?"} groups,{" "}
              {running.pages} pages, {formatCount(running.packagesSeen)} packages
              {running.errors ? `, ${running.errors} errors` : ""}
            </span>
            {running.waitingForRateLimitUntil ? (
              <span className="text-amber-700 dark:text-amber-400">
                Waiting for GitLab&apos;s rate limit until{" "}
                {formatDateTime(running.waitingForRateLimitUntil)}
              </span>
            ) : null}
            <Progress
              label="Catalog sync"
              value={running.groupsTotal ? running.groupsDone : null}
              max={running.groupsTotal || 100}
              valueText={`${running.groupsDone} of ${running.groupsTotal} groups`}
              className="max-w-md"
            />
          </div>
        ) : last ? (
          <span>
            Last sync {formatDateTime(last.finishedAt)} ({last.kind}
            {last.status === "partial"
              ? `, ${last.errors} errors — ${last.errorMessages[0] ?? ""}`
              : ""}
            )
          </span>
        ) : (
          <span>Not synced yet.</span>
        )}
        {data.serviceAccessWarning ? (
          <p role="status" className="mt-1 text-amber-700 dark:text-amber-400">
            {isAdmin
              ? data.serviceAccessWarning
              : "The catalog may be incomplete: the portal's GitLab account does not act as an administrator."}
          </p>
        ) : null}
        {sizes.unknown > 0 ? (
          <div className="mt-1.5 flex flex-col gap-1.5">
            <span>
              Sizes known for {formatCount(sizes.versions - sizes.unknown)} of{" "}
              {formatCount(sizes.versions)} versions
            </span>
            <Progress
              label="File sizes fetched"
              value={sizes.versions - sizes.unknown}
              max={sizes.versions}
              valueText={`${sizes.versions - sizes.unknown} of ${sizes.versions} versions`}
              className="max-w-md"
            />
          </div>
        ) : null}
      </div>
      {isAdmin ? (
        <Button
          variant="outline"
          size="sm"
          onClick={() => start.mutate()}
          disabled={!!running || start.isPending}
        >
          <RefreshCw className={running ? "animate-spin" : undefined} aria-hidden />
          Sync now
        </Button>
      ) : null}
    </div>
  );
}
