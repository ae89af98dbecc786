import type { PolicyListItem, PolicyRow } from "@/db/queries/retention-policies";
import type { PolicyDocument } from "@/lib/validations/retention";

// A stored row as the API's policy document (DESIGN.md "Retention") plus what the pages show.

export function toPolicyDocument(row: PolicyRow): PolicyDocument {
  return {
    name: row.name,
    scope: { type: row.scopeType, id: row.scopeId },
    package_types: row.packageTypes as PolicyDocument["package_types"],
    name_pattern: row.namePattern,
    version_pattern: row.versionPattern,
    prerelease_only: row.prereleaseOnly,
    keep_latest: row.keepLatest,
    older_than_days: row.olderThanDays,
    not_downloaded_days: row.notDownloadedDays,
    keep_duplicate_files: row.keepDuplicateFiles,
    protect_pattern: row.protectPattern,
    keep_newest: row.keepNewest,
    mode: row.mode,
    enabled: row.enabled,
  };
}

export type PolicyView = PolicyDocument & {
  id: number;
  scope_path: string | null;
  author: string;
  suspended_reason: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  can_manage: boolean;
};

export function toPolicyView(
  row: PolicyRow | PolicyListItem,
  opts: { scopePath: string | null; canManage: boolean },
): PolicyView {
  return {
    id: row.id,
    ...toPolicyDocument(row),
    scope_path: opts.scopePath,
    author: row.authorUsername,
    suspended_reason: row.suspendedReason,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    updated_by: row.updatedBy,
    can_manage: opts.canManage,
  };
}
