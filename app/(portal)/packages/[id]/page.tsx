import { ExternalLink } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { formatBytes, formatDate, formatDateTime } from "@/components/catalog/format";
import { PackageFiles } from "@/components/catalog/package-files";
import { PackageDeleteControls } from "@/components/packages/package-delete-controls";
import { SetupPanel } from "@/components/snippets/setup-panel";
import { Badge, PackageTypeBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { showPackage, type PackageDetailView } from "@/lib/catalog/browse";
import { isAppError } from "@/lib/errors";
import { sortVersionsDesc } from "@/lib/versions";
import { bounded } from "@/components/layout/bounded";

export const metadata = { title: "Package" };

async function load(id: string): Promise<PackageDetailView> {
  const user = await requireUser();
  if (!/^\d+$/.test(id)) notFound();
  try {
    return await showPackage(user, Number(id));
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs uppercase tracking-wide text-muted-foreground">{label}</dt>
      <dd className="break-words text-sm">{children}</dd>
    </div>
  );
}

async function PackagePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const pkg = await load((await params).id);
  return (
    <>
      <PageHeader
        title={<span className="break-all">{pkg.name}</span>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <PackageTypeBadge type={pkg.package_type} />
            <span className="font-mono">{pkg.version ?? "—"}</span>
            {pkg.status !== "default" ? <Badge variant="warning">{pkg.status}</Badge> : null}
            <span>
              in{" "}
              <Link
                href={`/projects/${pkg.project_id}`}
                className="underline-offset-2 hover:underline"
              >
                {pkg.project_path}
              </Link>
            </span>
          </span>
        }
        actions={
          <>
            <Button asChild variant="outline" size="sm">
              <a href={pkg.web_url} target="_blank" rel="noreferrer">
                <ExternalLink aria-hidden /> View in GitLab
              </a>
            </Button>
            <PackageDeleteControls pkg={pkg} />
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="flex min-w-0 flex-col gap-6 lg:col-span-2">
          <Card>
            <CardHeader>
              <CardTitle>Files</CardTitle>
            </CardHeader>
            <CardContent>
              <PackageFiles
                files={pkg.files}
                deletable={
                  pkg.can_delete
                    ? { packageId: pkg.id, label: `${pkg.name} ${pkg.version ?? ""}`.trim() }
                    : undefined
                }
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Versions ({pkg.versions.length + 1})</CardTitle>
            </CardHeader>
            <CardContent>
              <VersionList current={pkg} />
            </CardContent>
          </Card>
        </div>
        <Card className="h-fit">
          <CardContent className="pt-5">
            <dl className="grid gap-4">
              <Fact label="Published">{formatDateTime(pkg.created_at)}</Fact>
              <Fact label="Last downloaded">{formatDate(pkg.last_downloaded_at, "never")}</Fact>
              <Fact label="Total size">
                {pkg.size_bytes === null ? "size not fetched yet" : formatBytes(pkg.size_bytes)}
              </Fact>
              {pkg.pipeline ? (
                <>
                  <Fact label="Pipeline">
                    {pkg.pipeline.web_url ? (
                      <a
                        href={pkg.pipeline.web_url}
                        className="underline-offset-2 hover:underline"
                        target="_blank"
                        rel="noreferrer"
                      >
                        #{pkg.pipeline.id}
                      </a>
                    ) : (
                      `#${pkg.pipeline.id}`
                    )}
                    {pkg.pipeline.ref ? (
                      <span className="text-muted-foreground"> on {pkg.pipeline.ref}</span>
                    ) : null}
                  </Fact>
                  {pkg.pipeline.user ? (
                    <Fact label="Published by">
                      {pkg.pipeline.user.name}{" "}
                      <span className="text-muted-foreground">@{pkg.pipeline.user.username}</span>
                    </Fact>
                  ) : null}
                </>
              ) : null}
            </dl>
          </CardContent>
        </Card>
      </div>
      <SetupPanel
        context={{
          kind: "package",
          projectId: pkg.project_id,
          projectPath: pkg.project_path,
          type: pkg.package_type,
          name: pkg.name,
          version: pkg.version,
        }}
        searchParams={searchParams}
      />
    </>
  );
}

function VersionList({ current }: { current: PackageDetailView }) {
  // Ecosystem order, highest first, with the version on screen in its place.
  const rows = sortVersionsDesc(
    current.package_type,
    [current, ...current.versions],
    (v) => v.version,
    (v) => v.created_at,
  );
  return (
    <ol className="divide-y divide-border text-sm">
      {rows.map((v) => (
        <li key={v.id} className="flex items-center justify-between gap-3 py-2">
          {v.id === current.id ? (
            <span className="font-mono font-semibold" aria-current="page">
              {v.version}
            </span>
          ) : (
            <Link href={`/packages/${v.id}`} className="font-mono hover:underline">
              {v.version}
            </Link>
          )}
          <span className="whitespace-nowrap text-muted-foreground">
            {formatDate(v.created_at)}
          </span>
        </li>
      ))}
    </ol>
  );
}

export default bounded(PackagePage);
