import type { AuditVia } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import {
  readPackageSettings,
  updatePackageSettings,
  type PackageSettings,
} from "@/lib/gitlab/package-settings";
import { getGroup } from "@/lib/gitlab/registry-settings";
import { auditedChange } from "./audited";
import { requireManage, type Actor } from "./roles";

// A group's package settings (duplicates per format, exception patterns) through GitLab's
// GraphQL API. Owners change them; a refusal by GitLab (HTTP 200 + errors) is a 403 here and
// nothing is changed.

export async function getPackageSettings(actor: Actor, groupId: number): Promise<PackageSettings> {
  const group = await getGroup(actor.gitlab, groupId);
  const settings = await readPackageSettings(actor.gitlab, group.full_path);
  if (!settings) {
    throw new AppError("forbidden", "GitLab does not let you read this group's package settings.");
  }
  return settings;
}

export async function changePackageSettings(
  actor: Actor,
  groupId: number,
  change: Partial<PackageSettings>,
  via: AuditVia,
): Promise<PackageSettings> {
  const group = await getGroup(actor.gitlab, groupId);
  return auditedChange(
    {
      actor,
      via,
      action: "package_settings.update",
      group: { id: groupId, path: group.full_path },
      message: `Change package settings of ${group.full_path}`,
      details: { change },
    },
    async () => {
      await requireManage(actor, "manage_package_settings", "group", groupId);
      return updatePackageSettings(actor.gitlab, group.full_path, change);
    },
  );
}
