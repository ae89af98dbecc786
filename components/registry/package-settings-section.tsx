"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { PackageSettings } from "@/lib/gitlab/package-settings";
import { whoCanManage } from "@/lib/permissions";
import { ApiError, registryApi } from "./api";
import { ErrorLine, RegistrySection, SectionSkeleton, WhoCan } from "./section";

const FORMATS = [
  ["maven", "Maven"],
  ["generic", "Generic"],
  ["nuget", "NuGet"],
  ["terraform_module", "Terraform module"],
] as const;
type Format = (typeof FORMATS)[number][0];

/** Duplicates per format with an exception pattern — Owners change them; GitLab refuses anyone else. */
export function PackageSettingsSection({
  groupId,
  canManage,
}: {
  groupId: number;
  canManage: boolean;
}) {
  const key = ["registry", "group", groupId, "package-settings"];
  const client = useQueryClient();
  const { data, error, isPending } = useQuery({
    queryKey: key,
    queryFn: () => registryApi<PackageSettings>(`/api/groups/${groupId}/package-settings`),
    retry: false,
  });
  const [draft, setDraft] = useState<Partial<PackageSettings>>({});
  const save = useMutation({
    mutationFn: () =>
      registryApi<PackageSettings>(`/api/groups/${groupId}/package-settings`, {
        method: "PUT",
        json: draft,
      }),
    onSuccess: (next) => {
      client.setQueryData(key, next);
      setDraft({});
      toast.success("Package settings saved");
    },
    onError: (e) =>
      toast.error("Package settings not changed", { description: (e as Error).message }),
  });
  const value = <K extends keyof PackageSettings>(k: K) =>
    (k in draft ? draft[k] : data?.[k]) as PackageSettings[K];
  const forbidden = error instanceof ApiError && error.status === 403;

  return (
    <RegistrySection
      id="package-settings"
      title="Package settings"
      description="Whether a version can be published again with the same name and version, per format. The exception pattern (a regular expression on name or version) reverses the rule."
    >
      {isPending ? (
        <SectionSkeleton rows={4} />
      ) : forbidden ? (
        <WhoCan>{whoCanManage("read_package_settings", "group")}</WhoCan>
      ) : error ? (
        <ErrorLine>{(error as Error).message}</ErrorLine>
      ) : (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <div className="divide-y divide-border rounded-md border border-border">
            {FORMATS.map(([f, label]) => {
              const allowedKey = `${f}_duplicates_allowed` as `${Format}_duplicates_allowed`;
              const regexKey =
                `${f}_duplicate_exception_regex` as `${Format}_duplicate_exception_regex`;
              return (
                <div
                  key={f}
                  className="grid gap-2 p-3 sm:grid-cols-[10rem_1fr_1fr] sm:items-center"
                >
                  <span className="text-sm font-medium">{label}</span>
                  <label className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      className="size-4 accent-primary"
                      checked={value(allowedKey)}
                      disabled={!canManage}
                      onChange={(e) => setDraft({ ...draft, [allowedKey]: e.target.checked })}
                    />
                    Allow duplicates
                  </label>
                  <div className="grid gap-1">
                    <Label htmlFor={`${f}-regex`} className="sr-only">
                      {label} exception pattern
                    </Label>
                    <Input
                      id={`${f}-regex`}
                      placeholder="Exception pattern, e.g. .*-SNAPSHOT"
                      value={value(regexKey) ?? ""}
                      disabled={!canManage}
                      onChange={(e) => setDraft({ ...draft, [regexKey]: e.target.value || null })}
                      className="font-mono"
                    />
                  </div>
                </div>
              );
            })}
          </div>
          {canManage ? (
            <Button type="submit" disabled={Object.keys(draft).length === 0 || save.isPending}>
              {save.isPending ? "Saving…" : "Save settings"}
            </Button>
          ) : (
            <WhoCan>{whoCanManage("manage_package_settings", "group")}</WhoCan>
          )}
        </form>
      )}
    </RegistrySection>
  );
}
