import { notFound } from "next/navigation";
import { ScopePolicies } from "@/components/policies/scope-policies";
import { getScopeInfo } from "@/db/queries/retention-policies";
import { requireUser } from "@/lib/auth/session";
import { canReadScopeOf } from "@/lib/retention/scope";
import { bounded } from "@/components/layout/bounded";

export const metadata = { title: "Group retention policies" };

async function GroupPoliciesPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const scope = { type: "group" as const, id: Number(id) };
  if (!/^\d+$/.test(id) || !(await canReadScopeOf(user, scope))) notFound();
  const info = await getScopeInfo(scope);
  if (!info) notFound();
  return <ScopePolicies user={user} scope={scope} path={info.path} />;
}

export default bounded(GroupPoliciesPage);
