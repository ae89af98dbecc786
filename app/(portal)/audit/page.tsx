import { toAuditViewer } from "@/lib/audit/viewer";
import { Download, History } from "lucide-react";
import Link from "next/link";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { listAuditActions, listAuditEvents } from "@/db/queries/audit";
import { requireUser } from "@/lib/auth/session";
import { auditDateRange, auditQuerySchema } from "@/lib/validations/audit";
import { bounded } from "@/components/layout/bounded";

export const metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function single(params: Record<string, string | string[] | undefined>) {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  );
}

async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const raw = single(await searchParams);
  const parsed = auditQuerySchema.safeParse(raw);
  // A hand-edited URL with a bad value shows everything rather than an error page.
  const query = parsed.success ? parsed.data : auditQuerySchema.parse({});
  const [list, actions] = await Promise.all([
    listAuditEvents({
      viewer: toAuditViewer(user),
      actor: query.actor,
      project: query.project,
      action: query.action,
      result: query.result,
      ...auditDateRange(query),
      page: query.page,
      perPage: query.per_page,
    }),
    listAuditActions(),
  ]);
  const filters = new URLSearchParams(
    Object.entries(raw).filter(
      (e): e is [string, string] => Boolean(e[1]) && !["page", "format"].includes(e[0]),
    ),
  );
  const csvHref = `/api/audit?${new URLSearchParams([...filters, ["format", "csv"]])}`;
  const pageHref = (p: number) =>
    `/audit?${new URLSearchParams([...filters, ["page", String(p)]])}`;
  const pages = Math.max(1, Math.ceil(list.total / list.perPage));

  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          user.isAdmin
            ? "Every delete attempt — successes, refusals and failures. As an admin you see all events."
            : "Every delete attempt — successes, refusals and failures. You see events in projects where you are a Maintainer or Owner, and your own actions anywhere."
        }
        actions={
          <Button variant="outline" asChild>
            <a href={csvHref} download>
              <Download aria-hidden />
              Export CSV
            </a>
          </Button>
        }
      />
      <AuditFilters query={query} actions={actions} />
      {list.items.length === 0 ? (
        <EmptyState
          icon={History}
          title="No audit events"
          description={
            filters.size ? "Nothing matches these filters." : "Nothing has been deleted yet."
          }
        />
      ) : (
        <>
          <AuditTable events={list.items} />
          <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
            <span className="text-muted-foreground">
              {list.total} {list.total === 1 ? "event" : "events"} · page {list.page} of {pages}
            </span>
            <span className="flex gap-2">
              {list.page > 1 ? (
                <Button variant="outline" size="sm" asChild>
                  <Link href={pageHref(list.page - 1)}>Previous</Link>
                </Button>
              ) : null}
              {list.page < pages ? (
                <Button variant="outline" size="sm" asChild>
                  <Link href={pageHref(list.page + 1)}>Next</Link>
                </Button>
              ) : null}
            </span>
          </nav>
        </>
      )}
    </>
  );
}

export default bounded(AuditPage);
