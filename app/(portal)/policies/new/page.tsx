import { ShieldOff } from "lucide-react";
import { PageHeader } from "@/components/layout/page-header";
import { PolicyEditor } from "@/components/policies/policy-editor";
import { EmptyState } from "@/components/ui/empty-state";
import { listManageableScopes } from "@/db/queries/retention-policies";
import { requireUser } from "@/lib/auth/session";
import { whoCan } from "@/lib/permissions";
import type { PolicyDocument } from "@/lib/validations/retention";
import { bounded } from "@/components/layout/bounded";

export const metadata = { title: "New retention policy" };

async function NewPolicyPage({ searchParams }: { searchParams: Promise<{ scope?: string }> }) {
  const user = await requireUser();
  const { scope } = await searchParams;
  const scopes = await listManageableScopes(user.id, user.isAdmin);
  if (!scopes.length)
    return (
      <>
        <PageHeader title="New retention policy" />
        <EmptyState
          icon={ShieldOff}
          title="You cannot create policies"
          description={`${whoCan("manage_retention", "group")} On a single project, Maintainers and Owners can.`}
        />
      </>
    );
  const chosen = scopes.find((s) => `${s.type}:${s.id}` === scope) ?? scopes[0];
  const initial: PolicyDocument = {
    name: "Clean up old versions",
    scope: { type: chosen.type, id: chosen.id },
    package_types: [],
    name_pattern: null,
    version_pattern: null,
    prerelease_only: false,
    keep_latest: 10,
    older_than_days: 180,
    not_downloaded_days: null,
    keep_duplicate_files: null,
    protect_pattern: null,
    keep_newest: true,
    mode: "dry_run",
    enabled: true,
  };
  return (
    <>
      <PageHeader
        title="New retention policy"
        description="The preview on the right shows exactly what the policy would delete now."
      />
      <PolicyEditor initial={initial} scopes={scopes} canManage whoCan="" />
    </>
  );
}

export default bounded(NewPolicyPage);
