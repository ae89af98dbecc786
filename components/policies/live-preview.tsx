"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Eye } from "lucide-react";
import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatBytes } from "@/lib/format";
import type { PolicyDocument } from "@/lib/validations/retention";
import { callPolicyApi } from "./policy-api";

type Item = {
  package_id: number;
  project_path: string | null;
  package_type: string;
  name: string;
  version: string | null;
  reason: string;
  size_bytes: number;
  file_name?: string;
};
type PreviewJson = {
  delete: Item[];
  delete_files: Item[];
  keep: Item[];
  bytes: number;
  hidden: { count: number; bytes: number };
  totals: { delete: number; delete_files: number; keep: number };
};

const PER_PAGE = 20;

/** What the policy (saved or as edited) would delete right now, recomputed as it changes. */
export function LivePreview({ doc, valid }: { doc: PolicyDocument | null; valid: boolean }) {
  const [debounced, setDebounced] = useState(doc);
  const [page, setPage] = useState(1);
  useEffect(() => {
    const t = setTimeout(() => {
      setDebounced(doc);
      setPage(1);
    }, 400);
    return () => clearTimeout(t);
  }, [doc]);
  const key = JSON.stringify(debounced);
  // One page from the server (a large scope plans tens of thousands of versions): the versions
  // and the duplicate files of that page; the server reuses its plan while paging.
  const query = useQuery({
    queryKey: ["policy-preview", key, page],
    queryFn: () =>
      callPolicyApi<PreviewJson>(
        `/api/policies/preview?page=${page}&per_page=${PER_PAGE}`,
        "POST",
        debounced,
      ),
    enabled: valid && debounced !== null,
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === key ? keepPreviousData(previous) : undefined,
  });
  const data = query.data;
  const items = data ? [...data.delete, ...data.delete_files] : [];
  const pages = data
    ? Math.max(1, Math.ceil(Math.max(data.totals.delete, data.totals.delete_files) / PER_PAGE))
    : 1;
  return (
    <Card aria-live="polite" data-testid="live-preview">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Eye className="size-4" aria-hidden /> Preview: what it would delete now
        </CardTitle>
        <CardDescription>
          Computed from the catalog as you edit. A run re-checks each version in GitLab first.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {!valid ? (
          <p className="text-sm text-muted-foreground">
            Fix the highlighted fields to see a preview.
          </p>
        ) : query.isPending ? (
          <div className="space-y-2" aria-busy="true">
            <Skeleton className="h-6 w-64" />
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-8 w-full" />
            ))}
          </div>
        ) : query.isError ? (
          <p className="text-sm text-destructive">{(query.error as Error).message}</p>
        ) : data ? (
          <>
            <p className="mb-3 text-sm" data-testid="preview-summary">
              <strong>{data.totals.delete}</strong>{" "}
              {data.totals.delete === 1 ? "version" : "versions"}
              {data.totals.delete_files ? (
                <>
                  {" "}
                  and <strong>{data.totals.delete_files}</strong> duplicate files
                </>
              ) : null}{" "}
              would be deleted, freeing <strong>{formatBytes(data.bytes, "0 B")}</strong>;{" "}
              {data.totals.keep} kept.
              {data.hidden.count ? (
                <> Includes {data.hidden.count} in projects you cannot see.</>
              ) : null}
            </p>
            {items.length ? (
              <div className="overflow-x-auto">
                <Table>
                  <THead>
                    <TR>
                      <TH>Package</TH>
                      <TH>Version</TH>
                      <TH className="hidden sm:table-cell">Why</TH>
                      <TH className="text-right">Size</TH>
                    </TR>
                  </THead>
                  <TBody>
                    {items.map((i) => (
                      <TR key={`${i.package_id}-${i.file_name ?? ""}`}>
                        <TD>
                          <div className="flex items-center gap-2">
                            <Badge variant={i.package_type as "npm"}>{i.package_type}</Badge>
                            <span className="break-all font-medium">{i.name}</span>
                          </div>
                          <div className="text-xs text-muted-foreground">{i.project_path}</div>
                          <div className="text-xs text-muted-foreground sm:hidden">{i.reason}</div>
                        </TD>
                        <TD className="font-mono text-xs">
                          {i.version ?? "—"}
                          {i.file_name ? <div className="break-all">{i.file_name}</div> : null}
                        </TD>
                        <TD className="hidden text-xs sm:table-cell">{i.reason}</TD>
                        <TD className="text-right text-xs tabular-nums">
                          {formatBytes(i.size_bytes, "—")}
                        </TD>
                      </TR>
                    ))}
                  </TBody>
                </Table>
              </div>
            ) : (
              <p className="text-sm text-muted-foreground">Nothing to delete right now.</p>
            )}
            {pages > 1 ? (
              <nav
                className="mt-3 flex items-center justify-between text-sm"
                aria-label="Preview pages"
              >
                <Button
                  variant="outline"
                  size="sm"
                  disabled={page <= 1}
                  onClick={() => setPage(page - 1)}
                >
                  Previous
                </Button>
                <span className="text-muted-foreground">
                  Page {page} of {pages}
                </span>
                <Button
                  variant="outline"
                  size="sm"
                  disabled={page >= pages}
                  onClick={() => setPage(page + 1)}
                >
                  Next
                </Button>
              </nav>
            ) : null}
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
