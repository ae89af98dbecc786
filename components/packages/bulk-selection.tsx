"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { Checkbox } from "@/components/ui/checkbox";

// Selection state for the catalog's bulk delete. Only rows the server marked can_delete are
// ever offered a checkbox, so the selection can only hold deletable versions.

export type SelectableVersion = {
  id: number;
  name: string;
  version: string | null;
  projectPath: string;
  sizeBytes: number | null;
};

type Selection = {
  selected: Map<number, SelectableVersion>;
  toggle: (row: SelectableVersion, on: boolean) => void;
  setMany: (rows: SelectableVersion[], on: boolean) => void;
  clear: () => void;
  /** Drops ids that are gone (after a bulk run) while keeping the rest selected. */
  remove: (ids: number[]) => void;
};

const SelectionContext = createContext<Selection | null>(null);

export function BulkSelectionProvider({ children }: { children: ReactNode }) {
  const [selected, setSelected] = useState(() => new Map<number, SelectableVersion>());
  const toggle = useCallback((row: SelectableVersion, on: boolean) => {
    setSelected((prev) => {
      const next = new Map(prev);
      if (on) next.set(row.id, row);
      else next.delete(row.id);
      return next;
    });
  }, []);
  const setMany = useCallback((rows: SelectableVersion[], on: boolean) => {
    setSelected((prev) => {
      const next = new Map(prev);
      for (const r of rows) {
        if (on) next.set(r.id, r);
        else next.delete(r.id);
      }
      return next;
    });
  }, []);
  const clear = useCallback(() => setSelected(new Map()), []);
  const remove = useCallback((ids: number[]) => {
    setSelected((prev) => {
      const next = new Map(prev);
      for (const id of ids) next.delete(id);
      return next;
    });
  }, []);
  const value = useMemo(
    () => ({ selected, toggle, setMany, clear, remove }),
    [selected, toggle, setMany, clear, remove],
  );
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

export function useBulkSelection(): Selection {
  const ctx = useContext(SelectionContext);
  if (!ctx) throw new Error("useBulkSelection needs a <BulkSelectionProvider> above it");
  return ctx;
}

/**
 * The checkbox for one catalog row; render it only when the row's can_delete is true.
 * Tables outside a selection (group and project pages) show none.
 */
export function SelectVersionCheckbox({ row }: { row: SelectableVersion }) {
  const selection = useContext(SelectionContext);
  if (!selection) return null;
  const { selected, toggle } = selection;
  const label = `Select ${row.name}${row.version ? ` ${row.version}` : ""}`;
  return (
    <Checkbox
      aria-label={label}
      checked={selected.has(row.id)}
      onCheckedChange={(c) => toggle(row, c === true)}
    />
  );
}

/** "Select all deletable rows on this page", with the indeterminate state in between. */
export function SelectAllVersionsCheckbox({ rows }: { rows: SelectableVersion[] }) {
  const selection = useContext(SelectionContext);
  if (!selection || !rows.length) return null;
  const { selected, setMany } = selection;
  const count = rows.filter((r) => selected.has(r.id)).length;
  const state = count === 0 ? false : count === rows.length ? true : "indeterminate";
  return (
    <Checkbox
      aria-label="Select all deletable versions on this page"
      checked={state}
      onCheckedChange={() => setMany(rows, state !== true)}
    />
  );
}
