"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Info } from "lucide-react";
import { useState } from "react";
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
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { whoCanManage } from "@/lib/permissions";
import type { RegistryLevelInput } from "@/lib/validations/registry";
import { registryApi } from "./api";
import { ErrorLine, RegistrySection, SectionSkeleton, WhoCan } from "./section";

const LEVELS: Record<RegistryLevelInput, { label: string; pull: string }> = {
  disabled: {
    label: "Disabled",
    pull: "The package registry is off: nobody can publish or pull, and the packages are hidden.",
  },
  private: {
    label: "Only project members",
    pull: "Members with Reporter or above pull with a token; nobody can pull without one.",
  },
  enabled: {
    label: "Everyone with access to the project",
    pull: "Whoever can see the project can pull. Without a token only a public project's packages can be pulled.",
  },
  public: {
    label: "Anyone (allow anyone to pull)",
    pull: "Anyone can pull from the project's package endpoints without a token, even if the project is private or internal.",
  },
};

type Access = {
  access_level: RegistryLevelInput;
  can_change: boolean;
  /** What the portal can set here; before GitLab 17.10 only off, or on again. */
  settable_levels: RegistryLevelInput[];
  /** Why fewer levels are offered (names the GitLab release), or null. */
  gitlab_limit: string | null;
};

export function RegistryAccessSection({
  projectId,
  visibility,
}: {
  projectId: number;
  visibility: string;
}) {
  const key = ["registry", projectId, "access"];
  const client = useQueryClient();
  const router = useRouter();
  const { data, error, isPending } = useQuery({
    queryKey: key,
    queryFn: () => registryApi<Access>(`/api/projects/${projectId}/registry`),
  });
  const [choice, setChoice] = useState<RegistryLevelInput | null>(null);
  const [confirming, setConfirming] = useState(false);
  const save = useMutation({
    mutationFn: (level: RegistryLevelInput) =>
      registryApi<Access>(`/api/projects/${projectId}/registry`, {
        method: "PUT",
        json: { access_level: level },
      }),
    onSuccess: (next) => {
      client.setQueryData(key, next);
      // "Open to anyone" in the health report follows the new level.
      void client.invalidateQueries({ queryKey: ["registry", "project", projectId, "report"] });
      setChoice(null);
      toast.success(`Registry access set to “${LEVELS[next.access_level].label}”`);
      router.refresh();
    },
    onError: (e) =>
      toast.error("Registry access not changed", { description: (e as Error).message }),
  });

  const current = data?.access_level;
  const selected = choice ?? current;
  // Only what GitLab will accept is offered: a level it would refuse is never a choice.
  const options = data
    ? (Object.keys(LEVELS) as RegistryLevelInput[]).filter(
        (l) => l === current || data.settable_levels.includes(l),
      )
    : [];
  function submit() {
    if (!selected || selected === current) return;
    if (selected === "public" && visibility !== "public") setConfirming(true);
    else save.mutate(selected);
  }

  return (
    <RegistrySection
      id="registry-access"
      title="Registry"
      description="Who can pull this project's packages, and what that means without a token."
    >
      {isPending ? (
        <SectionSkeleton rows={2} />
      ) : error ? (
        <ErrorLine>{(error as Error).message}</ErrorLine>
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-2">
            <Badge
              variant={current === "public" ? "warning" : "outline"}
              data-testid="registry-level"
            >
              {LEVELS[current!].label}
            </Badge>
          </div>
          <p className="text-sm">{LEVELS[current!].pull}</p>
          {data!.gitlab_limit && (
            <p
              className="flex gap-2 rounded-md border bg-muted/40 p-3 text-sm text-muted-foreground"
              data-testid="registry-gitlab-limit"
            >
              <Info className="mt-0.5 size-4 shrink-0" aria-hidden />
              <span>{data!.gitlab_limit}</span>
            </p>
          )}
          {data!.can_change && options.length > 1 ? (
            <form
              className="flex flex-col gap-2 sm:flex-row sm:items-end"
              onSubmit={(e) => {
                e.preventDefault();
                submit();
              }}
            >
              <div className="grid flex-1 gap-1.5">
                <Label htmlFor="registry-level-select">Change access</Label>
                <Select
                  id="registry-level-select"
                  value={selected}
                  onChange={(e) => setChoice(e.target.value as RegistryLevelInput)}
                >
                  {options.map((l) => (
                    <option key={l} value={l}>
                      {LEVELS[l].label}
                    </option>
                  ))}
                </Select>
              </div>
              <Button type="submit" disabled={selected === current || save.isPending}>
                {save.isPending ? "Saving…" : "Save"}
              </Button>
            </form>
          ) : data!.can_change ? null : (
            <WhoCan>{whoCanManage("change_registry_access", "project")}</WhoCan>
          )}
        </>
      )}
      <AlertDialog open={confirming} onOpenChange={setConfirming}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Let anyone pull these packages?</AlertDialogTitle>
            <AlertDialogDescription>
              This {visibility} project&apos;s packages become pullable by anyone, without signing
              in and without a token. The source code stays {visibility}.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              variant="destructive"
              onClick={() => {
                setConfirming(false);
                save.mutate("public");
              }}
            >
              Make packages public
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </RegistrySection>
  );
}
