import type { AuditEvent } from "@/db/queries/audit";
import { Badge } from "@/components/ui/badge";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { formatBytes, formatDateTime } from "@/lib/format";

const RESULT_VARIANT = { success: "success", refused: "warning", failed: "destructive" } as const;

export function AuditTable({ events }: { events: AuditEvent[] }) {
  return (
    <Table data-testid="audit-table">
      <THead>
        <TR>
          <TH>When</TH>
          <TH>Actor</TH>
          <TH>Action</TH>
          <TH>Result</TH>
          <TH>Via</TH>
          <TH>Project</TH>
          <TH>Package</TH>
          <TH>Bytes</TH>
          <TH>Message</TH>
        </TR>
      </THead>
      <TBody>
        {events.map((e) => (
          <TR key={e.id}>
            <TD className="whitespace-nowrap">
              <time dateTime={e.at.toISOString()}>{formatDateTime(e.at)}</time>
            </TD>
            <TD>{e.actorUsername}</TD>
            <TD className="font-mono text-xs">{e.action}</TD>
            <TD>
              <Badge variant={RESULT_VARIANT[e.result] ?? "secondary"}>{e.result}</Badge>
            </TD>
            <TD>{e.via}</TD>
            <TD>{e.projectPath ?? "—"}</TD>
            <TD>
              {e.packageName ? (
                <>
                  {e.packageName} {e.packageVersion}
                  {e.fileName ? (
                    <span className="block text-xs text-muted-foreground">{e.fileName}</span>
                  ) : null}
                </>
              ) : (
                <span className="text-muted-foreground">#{e.packageId ?? "—"}</span>
              )}
            </TD>
            <TD className="whitespace-nowrap">{e.bytes === null ? "—" : formatBytes(e.bytes)}</TD>
            <TD className="max-w-xs text-xs text-muted-foreground">{e.message}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
