import { ExternalLink, ScrollText } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { ScopeSummaryView } from "@/components/catalog/scope-summary";
import { SetupPanel } from "@/components/snippets/setup-panel";
import { GroupRegistryPanels } from "@/components/registry/group-registry-panels";
import { Button } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/session";
import { groupOverview } from "@/lib/catalog/scopes";
import { bounded } from "@/components/layout/bounded";

export const metadata = { title: "Group" };

async function GroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const { id } = await params;
  const data = /^\d+$/.test(id) ? await groupOverview(user, Number(id)) : null;
  if (!data) notFound();
  const { group } = data;
  return (
    <>
      <PageHeader
        title={<span className="break-all">{group.fullPath}</span>}
        description={group.name}
        actions={
          <>
            <Button asChild variant="outline" size="sm">
              <Link href={`/groups/${group.id}/policies`}>
                <ScrollText aria-hidden /> Retention policies
              </Link>
            </Button>
            <Button asChild variant="outline" size="sm">
              <a href={group.webUrl} target="_blank" rel="noreferrer">
                <ExternalLink aria-hidden /> View in GitLab
              </a>
            </Button>
          </>
        }
      />
      <ScopeSummaryView
        summary={group}
        newest={data.newest}
        stale={data.stale}
        catalogHref={`/packages?group=${encodeURIComponent(group.fullPath)}`}
      />
      <SetupPanel
        context={{
          kind: "group",
          groupId: group.id,
          groupPath: group.fullPath,
          types: Object.keys(group.perType),
        }}
        searchParams={searchParams}
      />
      <GroupRegistryPanels user={user} groupId={group.id} />
    </>
  );
}

export default bounded(GroupPage);
