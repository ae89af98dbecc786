import { Compass, SearchX } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { SetupControls } from "@/components/snippets/setup-controls";
import { loadSetupParams, TYPE_LABELS } from "@/components/snippets/setup-params";
import { setupSnippets } from "@/components/snippets/setup-set";
import { SnippetList } from "@/components/snippets/snippet-list";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireUser } from "@/lib/auth/session";
import { listSnippetScopes } from "@/lib/snippets/for-user";
import { bounded } from "@/components/layout/bounded";

export const metadata = { title: "Set me up" };

// The setup wizard: type → scope → credential → tool, all in the URL, so a link (from a
// package page, a registry-settings page, a colleague) opens it exactly as it was.

async function SetupPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const [params, scopes] = await Promise.all([
    loadSetupParams(searchParams),
    listSnippetScopes(user),
  ]);
  const scope =
    params.scope && params.scope_id
      ? scopes.find((s) => s.kind === params.scope && s.id === params.scope_id)
      : undefined;
  const missing = [
    !params.type && "a package type",
    !(params.scope && params.scope_id) && "a project or group",
  ].filter(Boolean);

  let result: React.ReactNode;
  if (missing.length) {
    result = (
      <EmptyState
        icon={Compass}
        title="Your snippets appear here"
        description={`Choose ${missing.join(" and ")} to see copy-ready configuration for your tools.`}
      />
    );
  } else if (!scope) {
    result = (
      <EmptyState
        icon={SearchX}
        title={`That ${params.scope} was not found`}
        description={`The ${params.scope} ${params.scope_id} does not exist, or you cannot read its packages. Choose another one above.`}
      />
    );
  } else {
    const set = setupSnippets({
      type: params.type!,
      scope,
      auth: params.auth ?? "access-token",
      username: params.username,
      package: params.package,
      version: params.version,
    });
    result = (
      <div className="flex min-w-0 flex-col gap-4">
        <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
          <Badge variant={params.type!}>{TYPE_LABELS[params.type!]}</Badge>
          for
          <Link
            href={`/${scope.kind === "project" ? "projects" : "groups"}/${scope.id}`}
            className="font-medium text-foreground underline-offset-2 hover:underline"
          >
            {scope.path}
          </Link>
          {params.package ? (
            <span className="font-mono">
              {params.package}
              {params.version ? ` ${params.version}` : ""}
            </span>
          ) : null}
        </p>
        <SnippetList set={set} tool={params.tool || undefined} />
      </div>
    );
  }

  return (
    <>
      <PageHeader
        title="Set me up"
        description="Copy-ready setup for npm, PyPI, Maven, NuGet and Generic — with this instance's URL and your project filled in. Secrets stay in environment variables."
      />
      <Card>
        <CardContent className="pt-5">
          <SetupControls
            steps={["type", "scope", "auth", "tool"]}
            scopes={scopes.map(({ kind, id, path }) => ({ kind, id, path }))}
            numbered
          >
            {result}
          </SetupControls>
        </CardContent>
      </Card>
    </>
  );
}

export default bounded(SetupPage);
