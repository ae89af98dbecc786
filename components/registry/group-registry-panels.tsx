import { getCachedGroupLevel } from "@/db/queries/registry";
import type { CurrentUser } from "@/lib/auth/session";
import { canManageRegistry } from "@/lib/permissions";
import { DeployTokensSection } from "./deploy-tokens-section";
import { HealthSection } from "./health-section";
import { PackageSettingsSection } from "./package-settings-section";
import { bounded } from "@/components/layout/bounded";

/** The group page's registry settings: package settings, deploy tokens, health and storage. */
async function GroupRegistryPanelsUnbounded({
  user,
  groupId,
}: {
  user: CurrentUser;
  groupId: number;
}) {
  const level = await getCachedGroupLevel(user.id, groupId);
  const canManage = canManageRegistry("manage_package_settings", "group", {
    level,
    isAdmin: user.isAdmin,
  });
  return (
    <section aria-label="Registry settings" className="mt-6 grid gap-4">
      <HealthSection scope="group" scopeId={groupId} />
      <PackageSettingsSection groupId={groupId} canManage={canManage} />
      <DeployTokensSection scope="group" scopeId={groupId} />
    </section>
  );
}

/** Bounded like a page (components/layout/bounded.tsx): it waits on the database. */
export const GroupRegistryPanels = bounded(GroupRegistryPanelsUnbounded);
