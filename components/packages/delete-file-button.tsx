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

type Props = {
  packageId: number;
  /** "@platon/web-app 1.2.0" — for the confirmation and the toast. */
  packageLabel: string;
  file: { id: number; fileName: string; size: number };
  /** True when this is the version's only remaining file. */
  isLastFile: boolean;
};

export function DeleteFileButton({ packageId, packageLabel, file, isLastFile }: Props) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const router = useRouter();
  const queryClient = useQueryClient();

  async function confirm() {
    setPending(true);
    try {
      const result = await apiFetch<{ message: string }>(
        `/api/packages/${packageId}/files/${file.id}`,
        { method: "DELETE" },
      );
      toast.success(result.message);
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: queryKeys.catalog });
      router.refresh();
    } catch (e) {
      toast.error(`Could not delete ${file.fileName}`, { description: (e as Error).message });
    } finally {
      setPending(false);
    }
  }

  return (
    <AlertDialog open={open} onOpenChange={(o) => !pending && setOpen(o)}>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={`Delete file ${file.fileName}`}>
          <Trash2 aria-hidden />
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete {file.fileName}?</AlertDialogTitle>
          <AlertDialogDescription>
            This deletes one file ({formatBytes(file.size)}) of {packageLabel} in GitLab. The
            version itself stays. It cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        {isLastFile ? (
          <p
            role="alert"
            className="rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm"
          >
            This is the last file of {packageLabel}: the version will have nothing left to install.
          </p>
        ) : null}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
          <Button variant="destructive" onClick={confirm} disabled={pending} aria-busy={pending}>
            {pending ? <Spinner /> : null}
            {pending ? "Deleting…" : "Delete file"}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
