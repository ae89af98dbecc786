import type { PackageDetailView } from "@/lib/catalog/browse";
import { sortVersionsDesc } from "@/lib/versions";
import { DeletePermissionNote } from "./delete-permission-note";
import { DeleteVersionButton } from "./delete-version-button";

/** After a delete, show the highest remaining version; with none left, the catalog. */
export function afterDeleteHref(pkg: Pick<PackageDetailView, "package_type" | "versions">): string {
  const [next] = sortVersionsDesc(
    pkg.package_type,
    pkg.versions,
    (v) => v.version,
    (v) => v.created_at,
  );
  return next ? `/packages/${next.id}` : "/packages";
}

/**
 * The package page's delete slot: the button for those whose role allows it (can_delete from
 * the catalog, itself re-checked live on the server), the quiet line for everyone else.
 */
export function PackageDeleteControls({ pkg }: { pkg: PackageDetailView }) {
  if (!pkg.can_delete) return <DeletePermissionNote />;
  return (
    <DeleteVersionButton
      pkg={{
        id: pkg.id,
        name: pkg.name,
        version: pkg.version,
        projectPath: pkg.project_path,
        sizeBytes: pkg.size_bytes,
        files: pkg.files.map((f) => ({ id: f.id, fileName: f.file_name, size: f.size })),
      }}
      isLastVersion={pkg.versions.length === 0}
      afterDeleteHref={afterDeleteHref(pkg)}
    />
  );
}
