import Link from "next/link";
import { PackageTypeBadge, Badge } from "@/components/ui/badge";
import {
  SelectAllVersionsCheckbox,
  SelectVersionCheckbox,
  type SelectableVersion,
} from "@/components/packages/bulk-selection";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { FoldedItem, PackageItem } from "@/lib/catalog/present";
import { formatBytes, formatDate } from "./format";

// The catalog rows. Folded rows show the highest version and the package's totals (and, under
// a status or a version search, how many of its versions match); version rows show one
// version each. Server- and client-renderable (no hooks).

export type CatalogRow = PackageItem & Partial<Omit<FoldedItem, keyof PackageItem>>;

/**
 * The delete controls' slot: a selection checkbox for bulk delete, only on version
 * rows the user may delete. Folded rows stand for a whole package, so they get none.
 */
export function RowActionsSlot(props: { item: CatalogRow; canDelete: boolean; folded: boolean }) {
  if (!props.canDelete || props.folded) return null;
  return <SelectVersionCheckbox row={toSelectable(props.item)} />;
}

const toSelectable = (item: CatalogRow): SelectableVersion => ({
  id: item.id,
  name: item.name,
  version: item.version,
  projectPath: item.project_path,
  sizeBytes: item.size_bytes,
});

function StatusBadge({ status }: { status: string }) {
  if (status === "default") return null;
  return <Badge variant={status === "error" ? "destructive" : "warning"}>{status}</Badge>;
}

export function PackageTable({ items, folded }: { items: CatalogRow[]; folded: boolean }) {
  return (
    <Table>
      <THead>
        <tr>
          <TH>Package</TH>
          <TH className="hidden md:table-cell">Project</TH>
          <TH>{folded ? "Latest" : "Version"}</TH>
          <TH className="hidden sm:table-cell">{folded ? "Newest" : "Published"}</TH>
          <TH className="hidden lg:table-cell">Last download</TH>
          <TH className="hidden sm:table-cell text-right">Size</TH>
          <TH className="w-0">
            <span className="sr-only">Actions</span>
            {folded ? null : (
              <SelectAllVersionsCheckbox
                rows={items.filter((i) => i.can_delete).map(toSelectable)}
              />
            )}
          </TH>
        </tr>
      </THead>
      <TBody>
        {items.map((item) => {
          const size = folded ? item.total_size_bytes : item.size_bytes;
          return (
            <TR key={item.id} data-testid="catalog-row">
              <TD className="max-w-[14rem] sm:max-w-none">
                <div className="flex flex-wrap items-center gap-2">
                  <PackageTypeBadge type={item.package_type} />
                  <Link
                    href={`/packages/${item.id}`}
                    className="break-all font-medium hover:underline"
                  >
                    {item.name}
                  </Link>
                  <StatusBadge status={item.status} />
                </div>
                <div className="mt-1 truncate text-xs text-muted-foreground md:hidden">
                  {item.project_path}
                </div>
              </TD>
              <TD className="hidden md:table-cell">
                <Link
                  href={`/projects/${item.project_id}`}
                  className="text-muted-foreground hover:underline"
                >
                  {item.project_path}
                </Link>
              </TD>
              <TD className="font-mono text-xs">
                <span className="break-all">{item.version ?? "—"}</span>
                {folded && item.versions_count ? (
                  <span className="ml-1 whitespace-nowrap font-sans text-muted-foreground">
                    · {item.versions_count} {item.versions_count === 1 ? "version" : "versions"}
                    {item.matching_versions_count !== null &&
                    item.matching_versions_count !== undefined
                      ? `, ${item.matching_versions_count} matching`
                      : null}
                  </span>
                ) : null}
              </TD>
              <TD className="hidden whitespace-nowrap sm:table-cell">
                {formatDate(folded ? (item.newest_created_at ?? item.created_at) : item.created_at)}
              </TD>
              <TD className="hidden whitespace-nowrap lg:table-cell">
                {formatDate(folded ? (item.latest_downloaded_at ?? null) : item.last_downloaded_at)}
              </TD>
              <TD className="hidden whitespace-nowrap text-right sm:table-cell">
                {size === null || size === undefined ? (
                  <span className="text-muted-foreground" title="Size not fetched yet">
                    —
                  </span>
                ) : (
                  formatBytes(size)
                )}
              </TD>
              <TD>
                <RowActionsSlot item={item} canDelete={item.can_delete} folded={folded} />
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
