"use client";

import { useQuery } from "@tanstack/react-query";
import { ExternalLink } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { HealthReport } from "@/lib/reports/registry-health";
import { registryApi } from "./api";
import { ErrorLine, RegistrySection, SectionSkeleton } from "./section";
import { StorageCharts } from "./storage-charts";

const SEVERITY = {
  error: { label: "Error", variant: "destructive" },
  warning: { label: "Warning", variant: "warning" },
  info: { label: "Info", variant: "secondary" },
} as const;

const KIND_LABEL: Record<string, string> = {
  invalid_version: "Invalid versions",
  npm_scope_mismatch: "npm scope ≠ root namespace",
  duplicate_files: "Duplicate files",
  never_downloaded: "Never downloaded",
  no_retention_policy: "No retention policy",
  deploy_token_no_expiry: "Tokens without expiry",
  deploy_token_rotation_due: "Tokens due for rotation",
  registry_public: "Open to anyone",
};

const MAX_SHOWN = 30;

export function HealthSection({ scope, scopeId }: { scope: "project" | "group"; scopeId: number }) {
  const { data, error, isPending } = useQuery({
    queryKey: ["registry", scope, scopeId, "report"],
    queryFn: () => registryApi<HealthReport>(`/api/${scope}s/${scopeId}/report`),
    retry: false,
  });
  return (
    <RegistrySection
      id={`${scope}-health`}
      title="Health"
      description="Where this registry departs from the registry guide's practices, and how to fix it."
    >
      {isPending ? (
        <SectionSkeleton rows={4} />
      ) : error ? (
        <ErrorLine>{(error as Error).message}</ErrorLine>
      ) : (
        <>
          <ul className="flex flex-wrap gap-2" aria-label="Findings by kind">
            {Object.entries(KIND_LABEL).map(([kind, label]) => {
              const unchecked = data!.not_checked.some((n) => n.kind === kind);
              const count = data!.counts[kind as keyof typeof data.counts] ?? 0;
              return (
                <li key={kind}>
                  <Badge variant={unchecked ? "outline" : count ? "warning" : "success"}>
                    {label}: {unchecked ? "not checked" : count}
                  </Badge>
                </li>
              );
            })}
          </ul>
          {data!.not_checked.map((n) => (
            <p key={n.kind} className="text-xs text-muted-foreground">
              {KIND_LABEL[n.kind]}: {n.reason}
            </p>
          ))}
          {scope === "group" ? <StorageCharts rows={data!.storage} /> : null}
          {data!.findings.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nothing to fix. Well kept.</p>
          ) : (
            <ul
              className="divide-y divide-border rounded-md border border-border"
              aria-label="Findings"
            >
              {data!.findings.slice(0, MAX_SHOWN).map((f, i) => (
                <li key={i} className="space-y-1 p-3 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge variant={SEVERITY[f.severity].variant}>
                      {SEVERITY[f.severity].label}
                    </Badge>
                    <span className="break-all font-medium">{f.subject}</span>
                  </div>
                  <p>{f.message}</p>
                  <p className="text-muted-foreground">
                    Fix: {f.fix}{" "}
                    <a
                      href={f.link}
                      target="_blank"
                      rel="noreferrer"
                      className="inline-flex items-center gap-1 underline underline-offset-2"
                    >
                      GitLab docs <ExternalLink className="size-3" aria-hidden />
                    </a>
                  </p>
                </li>
              ))}
            </ul>
          )}
          {data!.findings.length > MAX_SHOWN ? (
            <p className="text-xs text-muted-foreground">
              Showing {MAX_SHOWN} of {data!.findings.length}; the full list is at{" "}
              <code>
                /api/{scope}s/{scopeId}/report
              </code>
              .
            </p>
          ) : null}
        </>
      )}
    </RegistrySection>
  );
}
