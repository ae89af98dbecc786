"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { whoCanManage } from "@/lib/permissions";
import { ApiError, registryApi } from "./api";
import { ErrorLine, RegistrySection, SectionSkeleton, WhoCan } from "./section";

type Allowlist = {
  inbound_enabled: boolean;
  projects: { id: number; path_with_namespace: string; web_url: string | null }[];
  groups: { id: number; name: string; web_url: string | null }[];
};
type Target = { kind: "project" | "group"; id: number; label: string };

export function JobTokenAllowlistSection({ projectId }: { projectId: number }) {
  const key = ["registry", projectId, "job-token-allowlist"];
  const client = useQueryClient();
  const { data, error, isPending } = useQuery({
    queryKey: key,
    queryFn: () => registryApi<Allowlist>(`/api/projects/${projectId}/job-token-allowlist`),
    retry: false,
  });
  const [kind, setKind] = useState<"project" | "group">("project");
  const [targetId, setTargetId] = useState("");
  const refresh = () => void client.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: () =>
      registryApi(`/api/projects/${projectId}/job-token-allowlist`, {
        method: "POST",
        json:
          kind === "project"
            ? { target_project_id: Number(targetId) }
            : { target_group_id: Number(targetId) },
      }),
    onSuccess: () => {
      toast.success(
        `${kind === "project" ? "Project" : "Group"} ${targetId} may now use its job tokens here`,
      );
      setTargetId("");
      refresh();
    },
    onError: (e) => toast.error("Not added", { description: (e as Error).message }),
  });
  const remove = useMutation({
    mutationFn: (t: Target) =>
      registryApi(
        `/api/projects/${projectId}/job-token-allowlist/${t.id}${t.kind === "group" ? "?kind=group" : ""}`,
        { method: "DELETE" },
      ),
    onSuccess: (_r, t) => {
      toast.success(`${t.label} removed from the allowlist`);
      refresh();
    },
    onError: (e) => toast.error("Not removed", { description: (e as Error).message }),
  });

  const forbidden = error instanceof ApiError && error.status === 403;
  const entries: Target[] = data
    ? [
        ...data.projects.map((p) => ({
          kind: "project" as const,
          id: p.id,
          label: p.path_with_namespace,
        })),
        ...data.groups.map((g) => ({
          kind: "group" as const,
          id: g.id,
          label: `${g.name} (group)`,
        })),
      ]
    : [];
  return (
    <RegistrySection
      id="job-token-allowlist"
      title="CI/CD job token allowlist"
      description="Pipelines of these projects and groups may use their CI_JOB_TOKEN here — for example to publish packages into this project."
    >
      {isPending ? (
        <SectionSkeleton rows={2} />
      ) : forbidden ? (
        <WhoCan>{whoCanManage("manage_job_token_allowlist", "project")}</WhoCan>
      ) : error ? (
        <ErrorLine>{(error as Error).message}</ErrorLine>
      ) : (
        <>
          <p className="text-sm">
            {data!.inbound_enabled ? (
              <Badge variant="success">Limited</Badge>
            ) : (
              <Badge variant="warning">Not limited</Badge>
            )}{" "}
            {data!.inbound_enabled
              ? "Only this project and the entries below can use job tokens here."
              : "Any project's job token can reach this project (as far as the job's user may)."}
          </p>
          {entries.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              No other projects or groups are allowed.
            </p>
          ) : (
            <ul
              className="divide-y divide-border rounded-md border border-border"
              aria-label="Allowed projects and groups"
            >
              {entries.map((t) => (
                <li key={`${t.kind}-${t.id}`} className="flex items-center gap-2 p-2 pl-3 text-sm">
                  <span className="min-w-0 flex-1 break-all">{t.label}</span>
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => remove.mutate(t)}
                    aria-label={`Remove ${t.label}`}
                  >
                    <X aria-hidden /> Remove
                  </Button>
                </li>
              ))}
            </ul>
          )}
          <form
            className="flex flex-col gap-2 sm:flex-row sm:items-end"
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate();
            }}
          >
            <div className="grid gap-1.5 sm:w-40">
              <Label htmlFor="allow-kind">Add a</Label>
              <Select
                id="allow-kind"
                value={kind}
                onChange={(e) => setKind(e.target.value as "project" | "group")}
              >
                <option value="project">Project</option>
                <option value="group">Group</option>
              </Select>
            </div>
            <div className="grid flex-1 gap-1.5">
              <Label htmlFor="allow-id">{kind === "project" ? "Project" : "Group"} ID</Label>
              <Input
                id="allow-id"
                inputMode="numeric"
                pattern="[0-9]+"
                required
                value={targetId}
                onChange={(e) => setTargetId(e.target.value.trim())}
                placeholder="e.g. 42"
              />
            </div>
            <Button type="submit" disabled={!/^\d+$/.test(targetId) || add.isPending}>
              {add.isPending ? "Adding…" : "Allow"}
            </Button>
          </form>
        </>
      )}
    </RegistrySection>
  );
}
