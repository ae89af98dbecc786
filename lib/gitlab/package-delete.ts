import type { GitlabApi } from "./client";
import { gitlabStatus, toAppError } from "./errors";

// The GitLab calls behind a delete, made with the acting user's own client so GitLab applies
// its own permission check as the last of the three.

/**
 * The user's effective (inherited included) access level on a project, live from GitLab.
 * Not a member, or the project is invisible to them → null (GitLab answers 404 for both).
 */
export async function getLiveProjectLevel(
  api: GitlabApi,
  projectId: number,
  userId: number,
): Promise<number | null> {
  try {
    const member = (await api.ProjectMembers.show(projectId, userId, {
      includeInherited: true,
    })) as unknown as { access_level?: unknown };
    return typeof member.access_level === "number" ? member.access_level : null;
  } catch (e) {
    if (gitlabStatus(e) === 404) return null;
    throw toAppError(e, "The project membership");
  }
}

/** DELETE /projects/:id/packages/:package_id (GitLab marks it pending_destruction). */
export async function removePackage(
  api: GitlabApi,
  projectId: number,
  packageId: number,
): Promise<void> {
  try {
    await api.Packages.remove(projectId, packageId);
  } catch (e) {
    throw toAppError(e, "The package");
  }
}

/** DELETE /projects/:id/packages/:package_id/package_files/:file_id */
export async function removePackageFile(
  api: GitlabApi,
  projectId: number,
  packageId: number,
  fileId: number,
): Promise<void> {
  try {
    await api.Packages.removeFile(projectId, packageId, fileId);
  } catch (e) {
    throw toAppError(e, "The package file");
  }
}
