import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatBytes } from "@/lib/format";
import type { getPolicyRun } from "@/lib/retention/runs";

type Data = Awaited<ReturnType<typeof getPolicyRun>>;

const ACTION_VARIANT = {
  deleted: "destructive",
  would_delete: "warning",
  kept: "success",
  skipped: "secondary",
  failed: "destructive",
} as const;

const FILTERS = [undefined, "deleted", "would_delete", "kept", "skipped", "failed"] as const;

/** One run's per-package actions, filterable by action and paged through the URL. */
export function RunActions({ data, action }: { data: Data; action?: string }) {
  const { run, actions } = data;
  const pages = Math.max(1, Math.ceil(actions.total / actions.per_page));
  const href = (o: { page?: number; action?: string }) => {
    const p = new URLSearchParams({ run: String(run.id) });
    if (o.action) p.set("action", o.action);
    if (o.page && o.page > 1) p.set("page", String(o.page));
    return `?${p}`;
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>Run #{run.id}: per-package actions</CardTitle>
        <CardDescription>
          {run.message ??
            `${run.planned} planned, ${formatBytes(run.bytes_planned, "0 B")} in the plan.`}
        </CardDescription>
        <nav className="flex flex-wrap gap-2 pt-2" aria-label="Filter actions">
          {FILTERS.map((f) => (
            <Link
              key={f ?? "all"}
              href={href({ action: f })}
              aria-current={f === action ? "page" : undefined}
              className="rounded-md border px-2 py-1 text-xs aria-[current=page]:bg-accent"
            >
              {f ? f.replace("_", " ") : "all"}
            </Link>
          ))}
        </nav>
      </CardHeader>
      <CardContent>
        {!actions.items.length ? (
          <p className="text-sm text-muted-foreground">No actions of this kind in this run.</p>
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <THead>
                <TR>
                  <TH>Action</TH>
                  <TH>Package</TH>
                  <TH className="hidden sm:table-cell">Reason</TH>
                  <TH className="text-right">Size</TH>
                </TR>
              </THead>
              <TBody>
                {actions.items.map((a, i) => (
                  <TR key={`${a.package_id}-${a.file_id ?? ""}-${i}`}>
                    <TD>
                      <Badge variant={ACTION_VARIANT[a.action]}>{a.action.replace("_", " ")}</Badge>
                    </TD>
                    <TD>
                      <span className="break-all font-medium">{a.name}</span>{" "}
                      <span className="font-mono text-xs">{a.version ?? ""}</span>
                      {a.file_name ? <div className="break-all text-xs">{a.file_name}</div> : null}
                      <div className="text-xs text-muted-foreground sm:hidden">{a.reason}</div>
                    </TD>
                    <TD className="hidden text-xs sm:table-cell">{a.reason}</TD>
                    <TD className="text-right text-xs tabular-nums">
                      {formatBytes(a.size_bytes, "—")}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </div>
        )}
        {pages > 1 ? (
          <nav className="mt-3 flex items-center justify-between text-sm" aria-label="Action pages">
            {actions.page > 1 ? (
              <Link className="underline" href={href({ page: actions.page - 1, action })}>
                Previous
              </Link>
            ) : (
              <span />
            )}
            <span className="text-muted-foreground">
              Page {actions.page} of {pages}
            </span>
            {actions.page < pages ? (
              <Link className="underline" href={href({ page: actions.page + 1, action })}>
                Next
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </CardContent>
    </Card>
  );
}
