import { Plus } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import type { CurrentUser } from "@/lib/auth/session";
import { mayManageCached, whoCanManage } from "@/lib/retention/authorize";
import { listPolicies } from "@/lib/retention/policies";
import { PolicyList } from "./policy-list";
import { bounded } from "@/components/layout/bounded";

/** The policies of one group or project (the group and project pages link here). */
async function ScopePoliciesUnbounded({
  user,
  scope,
  path,
}: {
  user: CurrentUser;
  scope: { type: "group" | "project"; id: number };
  path: string;
}) {
  const [policies, canManage] = await Promise.all([
    listPolicies(user, scope),
    mayManageCached(user, scope),
  ]);
  const create = canManage ? (
    <Button asChild size="sm">
      <Link href={`/policies/new?scope=${scope.type}:${scope.id}`}>
        <Plus aria-hidden /> New policy
      </Link>
    </Button>
  ) : null;
  return (
    <>
      <PageHeader
        title={<span className="break-all">Retention policies · {path}</span>}
        description={canManage ? "You can create and change policies here." : whoCanManage(scope)}
        actions={create}
      />
      <PolicyList policies={policies} emptyAction={create} />
    </>
  );
}

/** Bounded like a page (components/layout/bounded.tsx): it waits on the database. */
export const ScopePolicies = bounded(ScopePoliciesUnbounded);
