import { CheckCircle2, CircleSlash, Clock, XCircle } from "lucide-react";
import { formatBytes } from "@/lib/format";
import type { DeleteResult } from "@/lib/packages/results";
import type { SelectableVersion } from "./bulk-selection";

const ICON = {
  deleted: <CheckCircle2 className="size-4 text-emerald-600" aria-hidden />,
  refused: <CircleSlash className="size-4 text-amber-600" aria-hidden />,
  not_found: <CircleSlash className="size-4 text-muted-foreground" aria-hidden />,
  failed: <XCircle className="size-4 text-destructive" aria-hidden />,
};

const WORD = { deleted: "Deleted", refused: "Refused", not_found: "Not found", failed: "Failed" };

/** What goes (before the run) and what happened to each item (during and after it). */
export function BulkResultList({
  rows,
  results,
}: {
  rows: SelectableVersion[];
  results: Map<number, DeleteResult>;
}) {
  // Failures first, so what needs attention is at the top of a long list.
  const order = { failed: 0, refused: 1, not_found: 2, deleted: 3 } as const;
  const sorted = [...rows].sort((a, b) => {
    const ra = results.get(a.id);
    const rb = results.get(b.id);
    return (ra ? order[ra.status] : 4) - (rb ? order[rb.status] : 4);
  });
  return (
    <ul
      aria-label="Versions in this bulk delete"
      tabIndex={0}
      className="max-h-64 overflow-auto rounded-md border text-sm focus-visible:outline-2 focus-visible:outline-ring"
      data-testid="bulk-results"
    >
      {sorted.map((row) => {
        const r = results.get(row.id);
        return (
          <li
            key={row.id}
            className="flex items-start gap-2 border-b px-3 py-1.5 last:border-b-0"
            data-status={r?.status ?? "pending"}
          >
            <span className="mt-0.5">
              {r ? ICON[r.status] : <Clock className="size-4 text-muted-foreground" aria-hidden />}
            </span>
            <span className="min-w-0 flex-1">
              <span className="font-medium">{row.name}</span> {row.version}
              <span className="block text-xs text-muted-foreground">
                {row.projectPath} · {formatBytes(row.sizeBytes)}
                {r ? ` · ${WORD[r.status]}${r.ok ? "" : `: ${r.message}`}` : ""}
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
