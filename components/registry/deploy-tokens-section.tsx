"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
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
import { whoCanManage } from "@/lib/permissions";
import type { DeployTokenView } from "@/lib/registry/deploy-tokens";
import { ApiError, registryApi } from "./api";
import { DeployTokenCreateDialog } from "./deploy-token-create-dialog";
import { ErrorLine, RegistrySection, SectionSkeleton, WhoCan } from "./section";

type List = { tokens: DeployTokenView[]; can_manage: boolean };

export function DeployTokensSection({
  scope,
  scopeId,
}: {
  scope: "project" | "group";
  scopeId: number;
}) {
  const key = ["registry", scope, scopeId, "deploy-tokens"];
  const client = useQueryClient();
  const { data, error, isPending } = useQuery({
    queryKey: key,
    queryFn: () => registryApi<List>(`/api/${scope}s/${scopeId}/deploy-tokens`),
    retry: false,
  });
  const [revoking, setRevoking] = useState<DeployTokenView | null>(null);
  const revoke = useMutation({
    mutationFn: (t: DeployTokenView) =>
      registryApi(`/api/${scope}s/${scopeId}/deploy-tokens/${t.id}`, { method: "DELETE" }),
    onSuccess: (_r, t) => {
      toast.success(`Deploy token “${t.name}” revoked`);
      void client.invalidateQueries({ queryKey: key });
    },
    onError: (e) => toast.error("Token not revoked", { description: (e as Error).message }),
  });

  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <RegistrySection
      id={`${scope}-deploy-tokens`}
      title="Deploy tokens"
      description={`Credentials for pulling (read_package_registry) or publishing (write_package_registry) from outside this ${scope}.`}
      actions={
        data?.can_manage ? (
          <DeployTokenCreateDialog
            scope={scope}
            scopeId={scopeId}
            onCreated={() => void client.invalidateQueries({ queryKey: key })}
          />
        ) : null
      }
    >
      {isPending ? (
        <SectionSkeleton />
      ) : forbidden ? (
        <WhoCan>{whoCanManage("view_deploy_tokens", scope)}</WhoCan>
      ) : error ? (
        <ErrorLine>{(error as Error).message}</ErrorLine>
      ) : (
        <>
          {data!.tokens.length === 0 ? (
            <p className="text-sm text-muted-foreground">No active deploy tokens.</p>
          ) : (
            <ul
              className="divide-y divide-border rounded-md border border-border"
              aria-label="Deploy tokens"
            >
              {data!.tokens.map((t) => (
                <li key={t.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 p-3 text-sm">
                  <div className="min-w-0 flex-1">
                    <p className="font-medium">{t.name}</p>
                    <p className="break-all font-mono text-xs text-muted-foreground">
                      {t.username}
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-1">
                    {t.scopes.map((s) => (
                      <Badge key={s} variant="outline">
                        {s}
                      </Badge>
                    ))}
                    {t.no_expiry ? (
                      <Badge variant="warning">No expiry</Badge>
                    ) : t.expiring_soon ? (
                      <Badge variant="warning">Expires {t.expires_at?.slice(0, 10)}</Badge>
                    ) : (
                      <Badge variant="secondary">Expires {t.expires_at?.slice(0, 10)}</Badge>
                    )}
                  </div>
                  {data!.can_manage ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => setRevoking(t)}
                      aria-label={`Revoke ${t.name}`}
                    >
                      <Trash2 aria-hidden /> Revoke
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {!data!.can_manage ? (
            <WhoCan>{whoCanManage("manage_deploy_tokens", scope)}</WhoCan>
          ) : null}
        </>
      )}
      <AlertDialog open={revoking !== null} onOpenChange={(o) => !o && setRevoking(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Revoke “{revoking?.name}”?</AlertDialogTitle>
            <AlertDialogDescription>
              Every pipeline and machine using {revoking?.username} loses access at once. This
              cannot be undone.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              variant="destructive"
              onClick={() => {
                if (revoking) revoke.mutate(revoking);
                setRevoking(null);
              }}
            >
              Revoke token
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </RegistrySection>
  );
}
