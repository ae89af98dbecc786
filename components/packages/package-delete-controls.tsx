import { DeletePermissionNote } from "./delete-permission-note";
import { DeleteVersionButton, type DeletableVersion } from "./delete-version-button";

/**
 * The package page's delete slot: the button for those whose role allows it (can_delete from
 * the catalog, itself re-checked live on the server), the quiet line for everyone else.
 */
export function PackageDeleteControls({
  canDelete,
  pkg,
  isLastVersion,
  afterDeleteHref,
}: {
  canDelete: boolean;
  pkg: DeletableVersion;
  isLastVersion: boolean;
  afterDeleteHref: string;
}) {
  if (!canDelete) return <DeletePermissionNote />;
  return (
    <DeleteVersionButton
      pkg={pkg}
      isLastVersion={isLastVersion}
      afterDeleteHref={afterDeleteHref}
    />
  );
}
