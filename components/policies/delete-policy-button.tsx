"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { callPolicyApi } from "./policy-api";

/** The policy editor's Delete, behind a confirmation (packages are not touched). */
export function DeletePolicyButton({ policyId }: { policyId: number }) {
  const router = useRouter();

  async function remove() {
    try {
      await callPolicyApi(`/api/policies/${policyId}`, "DELETE");
      toast.success("Policy deleted");
      router.push("/policies");
      router.refresh();
    } catch (e) {
      toast.error("Could not delete the policy", { description: (e as Error).message });
    }
  }

  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button type="button" variant="outline">
          <Trash2 aria-hidden /> Delete
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete this policy?</AlertDialogTitle>
          <AlertDialogDescription>
            No package is deleted. The policy and its run history go; the audit log keeps every
            action.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction onClick={() => void remove()}>Delete policy</AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
