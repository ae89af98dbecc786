import { getMirroredProject, updateMirroredRegistryLevel } from "@/db/queries/registry";
import type { AuditVia } from "@/lib/audit/record";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { probeRegistryLevel } from "@/lib/gitlab/catalog-source";
import {
  getProjectSettings,
  levelForVisibility,
  registryLevelWritable,
  reportedRegistryLevel,
  setProjectPackagesEnabled,
  setProjectRegistryLevel,
  REGISTRY_LEVELS,
  type GitlabProjectSettings,
  type RegistryLevel,
} from "@/lib/gitlab/registry-settings";
import { gitlabRelease, type GitlabRelease } from "@/lib/gitlab/version";
import { auditedChange } from "./audited";
import { mayManage, requireManage, type Actor } from "./roles";

// A project's package registry access level: read live from GitLab, changed by Maintainers+
// through GitLab, and the catalog mirror follows at once so visibility changes for everyone.
//
// Before GitLab 17.10 the API neither reports nor accepts the level, only the deprecated
// boolean `packages_enabled`: off → disabled, on (from off) → the level the project's visibility
// gives. So on those releases the portal offers exactly that, reads the level it can prove (the
// sync's anonymous probe), and any other level is a 409 naming the release.

export type RegistryAccess = {
  access_level: RegistryLevel;
  can_change: boolean;
  /** Levels the portal can set on this project from here (all four from GitLab 17.10). */
  settable_levels: RegistryLevel[];
  /** Set when the GitLab release limits what can be read or set — says what, naming it. */
  gitlab_limit: string | null;
};

const releaseText = (r: GitlabRelease | null) => (r ? `GitLab ${r.text}` : "This GitLab");

function limitOf(r: GitlabRelease | null, p: GitlabProjectSettings): string {
  const on = levelForVisibility(p.visibility);
  return (
    `${releaseText(r)} lets the portal only switch the package registry off, or on again — ` +
    `which gives "${on}" for a ${p.visibility ?? "private"} project. Setting the level itself ` +
    `needs GitLab 17.10 or later (or GitLab's own project settings). The level shown is the ` +
    `least GitLab proves: its API before 17.10 does not report it.`
  );
}

async function readAccess(actor: Actor, projectId: number) {
  const [project, release] = await Promise.all([
    getProjectSettings(actor.gitlab, projectId),
    gitlabRelease(actor.gitlab),
  ]);
  const writable = registryLevelWritable(release) && !!project.package_registry_access_level;
  const level =
    reportedRegistryLevel(project) ??
    ((await probeRegistryLevel(env().gitlabUrl, {
      id: project.id,
      visibility: project.visibility ?? "private",
      packages_enabled: project.packages_enabled ?? null,
    })) as RegistryLevel);
  const settable: RegistryLevel[] = writable
    ? [...REGISTRY_LEVELS]
    : project.packages_enabled === false
      ? ["disabled", levelForVisibility(project.visibility)]
      : ["disabled"];
  return {
    project,
    release,
    writable,
    level,
    settable,
    limit: writable ? null : limitOf(release, project),
  };
}

export async function getRegistryAccess(actor: Actor, projectId: number): Promise<RegistryAccess> {
  const [read, canChange] = await Promise.all([
    readAccess(actor, projectId),
    mayManage(actor, "change_registry_access", "project", projectId),
  ]);
  return {
    access_level: read.level,
    can_change: canChange,
    settable_levels: canChange ? read.settable : [],
    gitlab_limit: read.limit,
  };
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
      const read = await readAccess(actor, projectId);
      let now: RegistryLevel;
      if (read.writable) {
        const updated = await setProjectRegistryLevel(actor.gitlab, projectId, level);
        now = reportedRegistryLevel(updated) ?? level;
      } else if (!read.settable.includes(level)) {
        throw new AppError(
          "conflict",
          `${releaseText(read.release)} cannot set the package registry to "${level}" through ` +
            `its API: package_registry_access_level is writable from GitLab 17.10. ` +
            `From here the registry can be set to ${read.settable.map((l) => `"${l}"`).join(" or ")}` +
            (read.settable.length === 1
              ? `; switched on again it gives "${levelForVisibility(read.project.visibility)}".`
              : "."),
          { gitlab_version: read.release?.text ?? null, settable_levels: read.settable },
        );
      } else {
        const on = level !== "disabled";
        const updated = await setProjectPackagesEnabled(actor.gitlab, projectId, on);
        if (updated.packages_enabled === false) now = "disabled";
        else now = reportedRegistryLevel(updated) ?? levelForVisibility(updated.visibility);
      }
      if (mirrored) await updateMirroredRegistryLevel(projectId, now);
      return {
        access_level: now,
        can_change: true,
        settable_levels: read.writable
          ? read.settable
          : now === "disabled"
            ? ["disabled", levelForVisibility(read.project.visibility)]
            : ["disabled"],
        gitlab_limit: read.limit,
      };
    },
  );
}
