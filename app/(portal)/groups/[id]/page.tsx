import { ExternalLink } from "lucide-react";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { ScopeSummaryView } from "@/components/catalog/scope-summary";
import { GroupRegistryPanels } from "@/components/registry/group-registry-panels";
import { Button } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/session";
import { groupOverview } from "@/lib/catalog/scopes";

export const metadata = { title: "Group" };

export default async function GroupPage({ params }: { params: Promise<{ id: string }> }) {
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
          <Button asChild variant="outline" size="sm">
            <a href={group.webUrl} target="_blank" rel="noreferrer">
              <ExternalLink aria-hidden /> View in GitLab
            </a>
          </Button>
        }
      />
      <ScopeSummaryView
        summary={group}
        newest={data.newest}
        stale={data.stale}
        catalogHref={`/packages?group=${encodeURIComponent(group.fullPath)}`}
      />
      <GroupRegistryPanels user={user} groupId={group.id} />
    </>
  );
}
