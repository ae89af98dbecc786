"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
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
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { formatBytes } from "@/lib/format";
import { apiFetch, queryKeys } from "@/lib/api/client";

export type DeletableVersion = {
  id: number;
  name: string;
  version: string | null;
  projectPath: string;
  sizeBytes: number | null;
  files: Array<{ id: number; fileName: string; size: number }>;
};

type Props = {
  pkg: DeletableVersion;
  /** True when no other version of this package remains (the package disappears). */
  isLastVersion: boolean;
  /** Where to go afterwards: the next version's page, or the catalog. */
  afterDeleteHref: string;
};

export function DeleteVersionButton({ pkg, isLastVersion, afterDeleteHref }: Props) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const router = useRouter();
  const queryClient = useQueryClient();
  const label = `${pkg.name}${pkg.version ? ` ${pkg.version}` : ""}`;
  const bytes = pkg.sizeBytes ?? pkg.files.reduce((s, f) => s + f.size, 0);

  async function confirm() {
    setPending(true);
    try {
      const result = await apiFetch<{ message: string }>(`/api/packages/${pkg.id}`, {
        method: "DELETE",
      });
      toast.success(result.message);
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: queryKeys.catalog });
      router.push(afterDeleteHref);
      router.refresh();
    } catch (e) {
      toast.error(`Could not delete ${label}`, { description: (e as Error).message });
    } finally {
      setPending(false);
    }
  }

  return (
    <AlertDialog open={open} onOpenChange={(o) => !pending && setOpen(o)}>
      <AlertDialogTrigger asChild>
        <Button variant="destructive" size="sm">
          <Trash2 aria-hidden />
          Delete version
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete {label}?</AlertDialogTitle>
          <AlertDialogDescription>
            This deletes version {pkg.version ?? "(none)"} of {pkg.name} from {pkg.projectPath} in
            GitLab: {pkg.files.length} {pkg.files.length === 1 ? "file" : "files"},{" "}
            {formatBytes(bytes)}. It cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        {isLastVersion ? (
          <p
            role="alert"
            className="rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm"
          >
            This is the last version of {pkg.name}: the package disappears from the registry.
          </p>
        ) : null}
        {pkg.files.length ? (
          <ul
            aria-label="Files that will be deleted"
            tabIndex={0}
            className="max-h-40 overflow-auto text-sm"
          >
            {pkg.files.map((f) => (
              <li key={f.id} className="flex justify-between gap-4 py-0.5">
                <span className="truncate font-mono text-xs">{f.fileName}</span>
                <span className="shrink-0 text-muted-foreground">{formatBytes(f.size)}</span>
              </li>
            ))}
          </ul>
        ) : null}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
          {/* A plain button, not AlertDialogAction: the dialog stays open until GitLab answers. */}
          <Button variant="destructive" onClick={confirm} disabled={pending} aria-busy={pending}>
            {pending ? <Spinner /> : null}
            {pending ? "Deleting…" : `Delete ${pkg.version ?? "version"}`}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
