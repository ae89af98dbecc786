import { History } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { BytesChart } from "@/components/policies/bytes-chart";
import { RunActions } from "@/components/policies/run-actions";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { formatBytes, formatDateTime } from "@/lib/format";
import { getPolicyView } from "@/lib/retention/policies";
import { getPolicyRun, listPolicyRuns } from "@/lib/retention/runs";
import { bounded } from "@/components/layout/bounded";

export const metadata = { title: "Run history" };

const STATUS = {
  succeeded: "success",
  partial: "warning",
  failed: "destructive",
  suspended: "warning",
  running: "secondary",
} as const;

const duration = (ms: number | null) =>
  ms === null ? "running" : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;

async function RunsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ run?: string; page?: string; action?: string }>;
}) {
  const user = await requireUser();
  const { id } = await params;
  const sp = await searchParams;
  if (!/^\d+$/.test(id)) notFound();
  const policy = await getPolicyView(user, Number(id)).catch((e) => {
    if (isAppError(e) && e.code === "not_found") return null;
    throw e;
  });
  if (!policy) notFound();
  const runs = await listPolicyRuns(user, policy.id);
  const selectedId = sp.run && /^\d+$/.test(sp.run) ? Number(sp.run) : runs[0]?.id;
  const page = sp.page && /^\d+$/.test(sp.page) ? Math.max(1, Number(sp.page)) : 1;
  const action = (["deleted", "would_delete", "kept", "skipped", "failed"] as const).find(
    (a) => a === sp.action,
  );
  const selected = selectedId
    ? await getPolicyRun(user, policy.id, selectedId, { page, per_page: 50, action }).catch(
        () => null,
      )
    : null;
  return (
    <>
      <PageHeader
        title={`Run history · ${policy.name}`}
        description={
          <>
            <Link className="underline" href={`/policies/${policy.id}`}>
              Back to the policy
            </Link>{" "}
            · {policy.scope_path}
          </>
        }
      />
      {!runs.length ? (
        <EmptyState
          icon={History}
          title="No runs yet"
          description="Scheduled runs and “Run now” appear here with what they deleted, kept and skipped."
        />
      ) : (
        <div className="space-y-6">
          <Card>
            <CardHeader>
              <CardTitle>Bytes freed per run</CardTitle>
            </CardHeader>
            <CardContent>
              <BytesChart
                runs={[...runs]
                  .reverse()
                  .map((r) => ({ id: r.id, label: `#${r.id}`, bytes: r.bytes_freed }))}
              />
            </CardContent>
          </Card>
          <div className="overflow-x-auto rounded-lg border">
            <Table>
              <THead>
                <TR>
                  <TH>Run</TH>
                  <TH>Status</TH>
                  <TH className="hidden md:table-cell">Started</TH>
                  <TH className="text-right">Deleted</TH>
                  <TH className="hidden text-right sm:table-cell">Would delete</TH>
                  <TH className="hidden text-right sm:table-cell">Kept</TH>
                  <TH className="text-right">Skipped / failed</TH>
                  <TH className="text-right">Freed</TH>
                  <TH className="hidden text-right md:table-cell">Duration</TH>
                </TR>
              </THead>
              <TBody>
                {runs.map((r) => (
                  <TR
                    key={r.id}
                    aria-current={r.id === selectedId ? "true" : undefined}
                    className={r.id === selectedId ? "bg-accent/50" : undefined}
                  >
                    <TD>
                      <Link
                        className="font-medium underline-offset-4 hover:underline"
                        href={`?run=${r.id}`}
                      >
                        #{r.id}
                      </Link>
                      <div className="text-xs text-muted-foreground">
                        {r.mode === "enforce" ? "enforce" : "dry run"} · {r.trigger}
                      </div>
                    </TD>
                    <TD>
                      <Badge variant={STATUS[r.status as keyof typeof STATUS] ?? "secondary"}>
                        {r.status}
                      </Badge>
                    </TD>
                    <TD className="hidden text-xs md:table-cell">{formatDateTime(r.started_at)}</TD>
                    <TD className="text-right tabular-nums">{r.deleted}</TD>
                    <TD className="hidden text-right tabular-nums sm:table-cell">
                      {r.would_delete}
                    </TD>
                    <TD className="hidden text-right tabular-nums sm:table-cell">{r.kept}</TD>
                    <TD className="text-right tabular-nums">
                      {r.skipped} / {r.failed}
                    </TD>
                    <TD className="text-right tabular-nums">{formatBytes(r.bytes_freed, "0 B")}</TD>
                    <TD className="hidden text-right tabular-nums md:table-cell">
                      {duration(r.duration_ms)}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </div>
          {selected ? <RunActions data={selected} action={action} /> : null}
        </div>
      )}
    </>
  );
}

export default bounded(RunsPage);
