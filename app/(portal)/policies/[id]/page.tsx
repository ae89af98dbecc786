import { History, ShieldAlert } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { PolicyEditor } from "@/components/policies/policy-editor";
import { RunNow } from "@/components/policies/run-now";
import { Button } from "@/components/ui/button";
import { listManageableScopes } from "@/db/queries/retention-policies";
import { requireUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { whoCanManage } from "@/lib/retention/authorize";
import { getPolicyView } from "@/lib/retention/policies";
import { bounded } from "@/components/layout/bounded";

export const metadata = { title: "Retention policy" };

async function PolicyPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const policy = await getPolicyView(user, Number(id)).catch((e) => {
    if (isAppError(e) && e.code === "not_found") return null;
    throw e;
  });
  if (!policy) notFound();
  const own = {
    type: policy.scope.type,
    id: policy.scope.id,
    path: policy.scope_path ?? `#${policy.scope.id}`,
  };
  const scopes = policy.can_manage ? await listManageableScopes(user.id, user.isAdmin) : [];
  if (!scopes.some((s) => s.type === own.type && s.id === own.id))
    scopes.unshift({ ...own, webUrl: "" });
  const scopeHref = `/${policy.scope.type === "group" ? "groups" : "projects"}/${policy.scope.id}`;
  return (
    <>
      <PageHeader
        title={policy.name}
        description={
          <>
            On{" "}
            <Link className="underline" href={scopeHref}>
              {own.path}
            </Link>{" "}
            · by {policy.author}
            {policy.updated_by && policy.updated_by !== policy.author
              ? `, edited by ${policy.updated_by}`
              : ""}
          </>
        }
        actions={
          <Button asChild variant="outline" size="sm">
            <Link href={`/policies/${policy.id}/runs`}>
              <History aria-hidden /> Run history
            </Link>
          </Button>
        }
      />
      {policy.suspended_reason ? (
        <div
          role="status"
          className="mb-4 flex items-start gap-2 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm"
        >
          <ShieldAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>{policy.suspended_reason}</span>
        </div>
      ) : null}
      {policy.can_manage && !policy.suspended_reason ? (
        <div className="mb-6 max-w-xl">
          <RunNow policyId={policy.id} scopePath={own.path} />
        </div>
      ) : null}
      <PolicyEditor
        policyId={policy.id}
        initial={policy}
        scopes={scopes}
        canManage={policy.can_manage}
        whoCan={whoCanManage(policy.scope)}
      />
    </>
  );
}

export default bounded(PolicyPage);
