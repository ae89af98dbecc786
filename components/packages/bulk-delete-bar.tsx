"use client";

import { Trash2, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formatBytes } from "@/lib/format";
import { BulkDeleteDialog } from "./bulk-delete-dialog";
import { useBulkSelection } from "./bulk-selection";

/** Sticks to the bottom of the catalog while versions are selected. */
export function BulkDeleteBar() {
  const { selected, clear } = useBulkSelection();
  const [open, setOpen] = useState(false);
  const rows = [...selected.values()];
  if (!rows.length && !open) return null;
  const bytes = rows.reduce((s, r) => s + (r.sizeBytes ?? 0), 0);
  const noun = rows.length === 1 ? "version" : "versions";
  return (
    <>
      {rows.length ? (
        <div
          role="region"
          aria-label="Bulk actions"
          className="sticky bottom-4 z-20 mx-auto mt-4 flex w-fit items-center gap-3 rounded-lg border bg-background px-4 py-2 shadow-lg"
        >
          <span className="text-sm" aria-live="polite">
            {rows.length} {noun} selected · {formatBytes(bytes)}
          </span>
          <Button variant="destructive" size="sm" onClick={() => setOpen(true)}>
            <Trash2 aria-hidden />
            Delete {rows.length} {noun}
          </Button>
          <Button variant="ghost" size="sm" onClick={clear}>
            <X aria-hidden />
            Clear selection
          </Button>
        </div>
      ) : null}
      <BulkDeleteDialog open={open} onOpenChange={setOpen} />
    </>
  );
}
