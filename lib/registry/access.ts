import { getMirroredProject, updateMirroredRegistryLevel } from "@/db/queries/registry";
import type { AuditVia } from "@/lib/audit/record";
import {
  getProjectSettings,
  registryLevelOf,
  setProjectRegistryLevel,
  type RegistryLevel,
} from "@/lib/gitlab/registry-settings";
import { auditedChange } from "./audited";
import { mayManage, requireManage, type Actor } from "./roles";

// A project's package registry access level: read live from GitLab, changed by Maintainers+
// through GitLab, and the catalog mirror follows at once so visibility changes for everyone.

export type RegistryAccess = { access_level: RegistryLevel; can_change: boolean };

export async function getRegistryAccess(actor: Actor, projectId: number): Promise<RegistryAccess> {
  const [project, canChange] = await Promise.all([
    getProjectSettings(actor.gitlab, projectId),
    mayManage(actor, "change_registry_access", "project", projectId),
  ]);
  return { access_level: registryLevelOf(project), can_change: canChange };
}

export async function changeRegistryAccess(
  actor: Actor,
  projectId: number,
  level: RegistryLevel,
  via: AuditVia,
): Promise<RegistryAccess> {
  const mirrored = await getMirroredProject(projectId);
  return auditedChange(
    {
      actor,
      via,
      action: "registry.access_level",
      project: { id: projectId, path: mirrored?.pathWithNamespace },
      message: `Set package registry access to "${level}"`,
      details: { from: mirrored?.registryAccessLevel ?? null, to: level },
    },
    async () => {
      await requireManage(actor, "change_registry_access", "project", projectId);
      const updated = await setProjectRegistryLevel(actor.gitlab, projectId, level);
      const now = registryLevelOf(updated);
      if (mirrored) await updateMirroredRegistryLevel(projectId, now);
      return { access_level: now, can_change: true };
    },
  );
}
