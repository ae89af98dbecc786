import { ExternalLink, ScrollText } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { ScopeSummaryView } from "@/components/catalog/scope-summary";
import { SetupPanel } from "@/components/snippets/setup-panel";
import { ProjectRegistryPanels } from "@/components/registry/project-registry-panels";
import { Button } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/session";
import { projectOverview } from "@/lib/catalog/scopes";
import { bounded } from "@/components/layout/bounded";

export const metadata = { title: "Project" };

async function ProjectPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const { id } = await params;
  const data = /^\d+$/.test(id) ? await projectOverview(user, Number(id)) : null;
  if (!data) notFound();
  const { project } = data;
  return (
    <>
      <PageHeader
        title={<span className="break-all">{project.pathWithNamespace}</span>}
        description={
          <span>
            {project.visibility} project · registry {project.registryAccessLevel}
            {project.groupId ? (
              <>
                {" · "}
                <Link
                  href={`/groups/${project.groupId}`}
                  className="underline-offset-2 hover:underline"
                >
                  group
                </Link>
              </>
            ) : null}
          </span>
        }
        actions={
          <>
            <Button asChild variant="outline" size="sm">
              <Link href={`/projects/${project.id}/policies`}>
                <ScrollText aria-hidden /> Retention policies
              </Link>
            </Button>
            <Button asChild variant="outline" size="sm">
              <a href={project.webUrl} target="_blank" rel="noreferrer">
                <ExternalLink aria-hidden /> View in GitLab
              </a>
            </Button>
          </>
        }
      />
      <ScopeSummaryView
        summary={project}
        newest={data.newest}
        stale={data.stale}
        catalogHref={`/packages?project=${project.id}`}
      />
      <SetupPanel
        context={{
          kind: "project",
          projectId: project.id,
          projectPath: project.pathWithNamespace,
          types: Object.keys(project.perType),
        }}
        searchParams={searchParams}
      />
      <ProjectRegistryPanels projectId={project.id} visibility={project.visibility} />
    </>
  );
}

export default bounded(ProjectPage);
