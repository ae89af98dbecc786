import { FolderTree } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { formatBytes, formatDate } from "@/components/catalog/format";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { listGroupSummaries } from "@/db/queries/catalog-detail";
import { toReader } from "@/lib/access/reader";
import { requireUser } from "@/lib/auth/session";
import { bounded } from "@/components/layout/bounded";
import { formatCount } from "@/lib/format";

export const metadata = { title: "Groups" };

async function GroupsPage() {
  const user = await requireUser();
  const groups = await listGroupSummaries(toReader(user));
  return (
    <>
      <PageHeader
        title="Groups"
        description="Groups holding packages you may read (subgroups included in each count)."
      />
      {groups.length ? (
        <Table>
          <THead>
            <tr>
              <TH>Group</TH>
              <TH className="text-right">Packages</TH>
              <TH className="hidden text-right sm:table-cell">Versions</TH>
              <TH className="hidden text-right md:table-cell">Size</TH>
              <TH className="hidden md:table-cell">Newest</TH>
            </tr>
          </THead>
          <TBody>
            {groups.map((g) => (
              <TR key={g.id}>
                <TD>
                  <Link href={`/groups/${g.id}`} className="break-all font-medium hover:underline">
                    {g.fullPath}
                  </Link>
                </TD>
                <TD className="text-right tabular-nums">{formatCount(g.packages)}</TD>
                <TD className="hidden text-right tabular-nums sm:table-cell">
                  {formatCount(g.versions)}
                </TD>
                <TD className="hidden whitespace-nowrap text-right md:table-cell">
                  {/* Sizes arrive with the file backfill: unknown is shown as such, never 0 B. */}
                  {g.bytesUnknown >= g.versions ? (
                    <span className="text-muted-foreground" title="Sizes not fetched yet">
                      —
                    </span>
                  ) : g.bytesUnknown > 0 ? (
                    <span
                      title={`${formatCount(g.bytesUnknown)} versions of unknown size not counted`}
                    >
                      ≥ {formatBytes(g.bytes)}
                    </span>
                  ) : (
                    formatBytes(g.bytes)
                  )}
                </TD>
                <TD className="hidden whitespace-nowrap md:table-cell">
                  {formatDate(g.newest, "—")}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      ) : (
        <EmptyState
          icon={FolderTree}
          title="No groups yet"
          description="Nothing you may read has been synced yet."
        />
      )}
    </>
  );
}

export default bounded(GroupsPage);
