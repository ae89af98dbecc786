import type { ListedPackage } from "@/db/queries/catalog";
import type { PackageDetail } from "@/db/queries/catalog-detail";
import type { ListedRow, PackageRow } from "@/db/queries/catalog-rows";
import { env } from "@/lib/env";
import { canOnProject } from "@/lib/permissions";

// The JSON shapes of GET /api/packages and GET /api/packages/:id (DESIGN.md "Stable interfaces").

export type PackageItem = {
  id: number;
  name: string;
  version: string | null;
  package_type: string;
  status: string;
  project_id: number;
  project_path: string;
  created_at: string;
  last_downloaded_at: string | null;
  size_bytes: number | null;
  web_url: string;
  can_delete: boolean;
};

export type FoldedItem = PackageItem & {
  versions_count: number;
  total_size_bytes: number | null;
  newest_created_at: string;
  latest_downloaded_at: string | null;
  /** Versions matching the search's version and the status; null when neither is set. */
  matching_versions_count: number | null;
};

/** Absolute GitLab URL of the package page (web_path is absent for error-status packages). */
export function packageWebUrl(row: Pick<PackageRow, "webPath" | "projectPath" | "id">): string {
  const base = env().gitlabUrl;
  return row.webPath ? `${base}${row.webPath}` : `${base}/${row.projectPath}/-/packages/${row.id}`;
}

export function toItem(row: ListedRow, isAdmin: boolean): PackageItem {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    package_type: row.packageType,
    status: row.status,
    project_id: row.projectId,
    project_path: row.projectPath,
    created_at: row.createdAt.toISOString(),
    last_downloaded_at: row.lastDownloadedAt?.toISOString() ?? null,
    size_bytes: row.sizeBytes,
    web_url: packageWebUrl(row),
    can_delete: canOnProject("delete_package", { level: row.accessLevel, isAdmin }),
  };
}

export function toListItem(row: ListedPackage, isAdmin: boolean): PackageItem | FoldedItem {
  const item = toItem(row, isAdmin);
  if (!row.folded) return item;
  // Added to the item, not spread into a copy: 20 rows a search.
  return Object.assign(item, {
    versions_count: row.folded.versionCount,
    total_size_bytes: row.folded.totalSize,
    newest_created_at: row.folded.newestAt.toISOString(),
    latest_downloaded_at: row.folded.lastDownloadedAt?.toISOString() ?? null,
    matching_versions_count: row.folded.matchingCount,
  });
}

export function toDetail(row: PackageDetail, isAdmin: boolean) {
  return {
    ...toItem(row, isAdmin),
    files: row.files.map((f) => ({
      id: f.id,
      file_name: f.fileName,
      size: f.size,
      file_md5: f.fileMd5,
      file_sha1: f.fileSha1,
      file_sha256: f.fileSha256,
      created_at: f.createdAt.toISOString(),
    })),
    versions: row.versions.map((v) => toItem(v, isAdmin)),
    pipeline: row.pipeline,
  };
}
