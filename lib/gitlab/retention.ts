import type { GitlabApi } from "./client";
import { gitlabStatus, toAppError } from "./errors";

// What retention asks GitLab with the service token: the live state of a candidate just
// before deleting it, and the live role of a policy's author (both for groups and projects).

export type LivePackage = {
  id: number;
  name: string;
  version: string | null;
  package_type: string;
  status: string;
  last_downloaded_at?: string | null;
};

export type LiveFile = { id: number; file_name: string; size: number };

/**
 * The package as GitLab has it now; null when GitLab no longer lists it. GitLab's single-package
 * endpoint answers 404 for some statuses its listing still shows (`error`), so a 404 there is
 * confirmed against the project's listing of that name before calling it gone.
 */
export async function getLivePackage(
  api: GitlabApi,
  projectId: number,
  packageId: number,
  name: string,
): Promise<LivePackage | null> {
  try {
    return (await api.Packages.show(projectId, packageId)) as unknown as LivePackage;
  } catch (e) {
    if (gitlabStatus(e) !== 404) throw toAppError(e, "The package");
  }
  try {
    const listed = (await api.Packages.all({
      projectId,
      packageName: name,
      perPage: 100,
    } as never)) as unknown as LivePackage[];
    return listed.find((p) => p.id === packageId && p.name === name) ?? null;
  } catch (e) {
    if (gitlabStatus(e) === 404) return null;
    throw toAppError(e, "The package");
  }
}

export async function listLivePackageFiles(
  api: GitlabApi,
  projectId: number,
  packageId: number,
): Promise<LiveFile[] | null> {
  try {
    return (await api.Packages.allFiles(projectId, packageId, {
      perPage: 100,
    } as never)) as unknown as LiveFile[];
  } catch (e) {
    if (gitlabStatus(e) === 404) return null;
    throw toAppError(e, "The package files");
  }
}

/** A user's effective level on a group (inherited included); null = not a member. */
export async function getLiveGroupLevel(
  api: GitlabApi,
  groupId: number,
  userId: number,
): Promise<number | null> {
  try {
    const member = (await api.GroupMembers.show(groupId, userId, {
      includeInherited: true,
    })) as unknown as { access_level?: unknown };
    return typeof member.access_level === "number" ? member.access_level : null;
  } catch (e) {
    if (gitlabStatus(e) === 404) return null;
    throw toAppError(e, "The group membership");
  }
}

/** Is the user an administrator now? (GitLab shows is_admin to an administrator's token.) */
export async function getLiveIsAdmin(api: GitlabApi, userId: number): Promise<boolean> {
  try {
    const user = (await api.Users.show(userId)) as unknown as { is_admin?: unknown };
    return user.is_admin === true;
  } catch (e) {
    if (gitlabStatus(e) === 404) return false;
    throw toAppError(e, "The user");
  }
}
