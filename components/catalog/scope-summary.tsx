import Link from "next/link";
import { PackageTypeBadge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { ScopeSummary } from "@/db/queries/catalog-detail";
import type { CatalogPage } from "@/lib/catalog/browse";
import { formatBytes, formatDate, STALE_DAYS } from "./format";
import { PackageTable, type CatalogRow } from "./package-table";
import { formatCount } from "@/lib/format";

// Shared body of the group and project pages: totals, per-type split, newest packages and
// stale ones (not downloaded in 90 days, or never).

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card>
      <CardContent className="pt-5">
        <div className="text-xs uppercase tracking-wide text-muted-foreground">{label}</div>
        <div className="mt-1 text-2xl font-semibold tabular-nums">{value}</div>
        {hint ? <div className="mt-0.5 text-xs text-muted-foreground">{hint}</div> : null}
      </CardContent>
    </Card>
  );
}

export function ScopeSummaryView(props: {
  summary: ScopeSummary;
  newest: CatalogPage;
  stale: CatalogRow[];
  catalogHref: string;
}) {
  const { summary } = props;
  return (
    <div className="flex flex-col gap-6">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat
          label="Packages"
          value={formatCount(summary.packages)}
          hint={`${formatCount(summary.versions)} versions`}
        />
        <Stat
          label="Storage"
          value={formatBytes(summary.bytes)}
          hint={
            summary.bytesUnknown
              ? `${formatCount(summary.bytesUnknown)} versions' size not fetched yet`
              : undefined
          }
        />
        <Stat label="Newest" value={formatDate(summary.newest, "—")} />
        <Stat
          label="Stale"
          value={`${formatCount(summary.stale)}${summary.staleCapped ? "+" : ""}`}
          hint={`versions not downloaded in ${STALE_DAYS} days or never`}
        />
      </div>
      {Object.keys(summary.perType).length ? (
        <ul className="flex flex-wrap gap-3 text-sm" aria-label="Per package type">
          {Object.entries(summary.perType).map(([type, t]) => (
            <li
              key={type}
              className="flex items-center gap-2 rounded-md border border-border px-3 py-1.5"
            >
              <PackageTypeBadge type={type} />
              <span className="tabular-nums">{formatCount(t.versions)} versions</span>
              <span className="text-muted-foreground">{formatBytes(t.bytes)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <Card>
        <CardHeader className="flex-row items-center justify-between">
          <CardTitle>Newest packages</CardTitle>
          <Link href={props.catalogHref} className="text-sm underline-offset-2 hover:underline">
            All {formatCount(props.newest.total)}
            {props.newest.total_exact ? "" : "+"} in the catalog →
          </Link>
        </CardHeader>
        <CardContent>
          {props.newest.items.length ? (
            <PackageTable items={props.newest.items as CatalogRow[]} folded />
          ) : (
            <p className="text-sm text-muted-foreground">No packages you may read here.</p>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Stale versions</CardTitle>
        </CardHeader>
        <CardContent>
          {props.stale.length ? (
            <PackageTable items={props.stale} folded={false} />
          ) : (
            <p className="text-sm text-muted-foreground">
              Everything here was downloaded in the last {STALE_DAYS} days.
            </p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
