import { Plus } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { PolicyList } from "@/components/policies/policy-list";
import { Button } from "@/components/ui/button";
import { listManageableScopes } from "@/db/queries/retention-policies";
import { requireUser } from "@/lib/auth/session";
import { listPolicies } from "@/lib/retention/policies";
import { bounded } from "@/components/layout/bounded";

export const metadata = { title: "Retention policies" };

async function PoliciesPage() {
  const user = await requireUser();
  const [policies, scopes] = await Promise.all([
    listPolicies(user),
    listManageableScopes(user.id, user.isAdmin),
  ]);
  const create = scopes.length ? (
    <Button asChild size="sm">
      <Link href="/policies/new">
        <Plus aria-hidden /> New policy
      </Link>
    </Button>
  ) : null;
  return (
    <>
      <PageHeader
        title="Retention policies"
        description="Cleanup rules per group and project: preview exactly what they delete, then let the scheduled run enforce them."
        actions={create}
      />
      {!scopes.length ? (
        <p className="mb-4 text-sm text-muted-foreground">
          Group Owners (and a project&apos;s Maintainers, for a project policy) create and change
          policies; you can read the policies of every group and project you can see.
        </p>
      ) : null}
      <PolicyList policies={policies} emptyAction={create} />
    </>
  );
}

export default bounded(PoliciesPage);
