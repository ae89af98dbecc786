import { Wand2 } from "lucide-react";
import Link from "next/link";
import { Suspense } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { PACKAGE_TYPES, type PackageType } from "@/lib/snippets/model";
import { SetupControls, type SetupStep } from "./setup-controls";
import { loadSetupParams, serializeSetup } from "./setup-params";
import { setupSnippets } from "./setup-set";
import { SnippetList } from "./snippet-list";

// "Set me up" on a package, project or group page. The page has already checked the user may
// read the scope; the panel renders that scope's snippets for the credential in the URL.

export type SetupPanelContext =
  | {
      kind: "package";
      projectId: number;
      projectPath: string;
      type: string;
      name: string;
      version: string | null;
    }
  | { kind: "project"; projectId: number; projectPath: string; types?: string[] }
  | { kind: "group"; groupId: number; groupPath: string; types?: string[] };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const isType = (t: string | undefined): t is PackageType =>
  PACKAGE_TYPES.includes(t as PackageType);
const root = (path: string) => path.split("/")[0] ?? path;

async function Panel({
  context,
  searchParams,
}: {
  context: SetupPanelContext;
  searchParams: SearchParams;
}) {
  const params = await loadSetupParams(searchParams);
  const firstType = (context.kind !== "package" ? context.types?.find(isType) : undefined) ?? "npm";
  const type: PackageType | null =
    context.kind === "package"
      ? isType(context.type)
        ? context.type
        : null
      : (params.type ?? firstType);
  if (!type) return null; // a type "Set me up" has no snippets for (conan, helm, …)
  const auth = params.auth ?? "access-token";
  const scope =
    context.kind === "group"
      ? { kind: "group" as const, id: context.groupId, rootNamespace: root(context.groupPath) }
      : {
          kind: "project" as const,
          id: context.projectId,
          rootNamespace: root(context.projectPath),
        };
  const pkg =
    context.kind === "package"
      ? { package: context.name, version: context.version ?? undefined }
      : {};
  const set = setupSnippets({ type, scope, auth, username: params.username, ...pkg });
  const steps: SetupStep[] = context.kind === "package" ? ["auth"] : ["type", "auth"];
  const wizardHref = `/setup${serializeSetup({
    type,
    scope: scope.kind,
    scope_id: scope.id,
    auth,
    username: params.username || null,
    package: pkg.package ?? null,
    version: pkg.version ?? null,
  })}`;
  return (
    <SetupControls steps={steps} defaultAuth="access-token">
      <SnippetList set={set} />
      <div className="mt-4">
        <Button asChild variant="outline" size="sm">
          <Link href={wizardHref}>
            <Wand2 aria-hidden /> Open in the setup wizard
          </Link>
        </Button>
      </div>
    </SetupControls>
  );
}

export function SetupPanelSkeleton() {
  return (
    <div aria-busy className="flex flex-col gap-4">
      <span className="sr-only">Loading setup snippets…</span>
      <div className="grid gap-2 sm:grid-cols-3">
        <Skeleton className="h-14" />
        <Skeleton className="h-14" />
        <Skeleton className="h-14" />
      </div>
      <Skeleton className="h-28" />
      <Skeleton className="h-20" />
    </div>
  );
}

const DESCRIPTIONS: Record<SetupPanelContext["kind"], string> = {
  package:
    "Copy-ready configuration for this package, with this instance's URL and the project filled in.",
  project: "Publish to this project and pull from it — pick the package type and how you sign in.",
  group:
    "Pull every package of this group's projects from one registry. Groups are pull-only: publish to a project.",
};

/** The "Set me up" card; streams in after the rest of the page. */
export function SetupPanel({
  context,
  searchParams,
}: {
  context: SetupPanelContext;
  searchParams: SearchParams;
}) {
  return (
    <Card id="set-me-up" className="mt-6 scroll-mt-20">
      <CardHeader>
        <CardTitle>Set me up</CardTitle>
        <CardDescription>{DESCRIPTIONS[context.kind]}</CardDescription>
      </CardHeader>
      <CardContent>
        <Suspense fallback={<SetupPanelSkeleton />}>
          <Panel context={context} searchParams={searchParams} />
        </Suspense>
      </CardContent>
    </Card>
  );
}
