import {
  deleteMirroredFile,
  deleteMirroredPackage,
  listMirroredFiles,
  type DeleteTarget,
} from "@/db/queries/package-mirror";
import type { Identity } from "@/lib/auth/actor";
import { recordDeleteAttempt, type DeleteAttempt } from "@/lib/audit/record";
import { AppError, isAppError } from "@/lib/errors";
import { removePackage, removePackageFile } from "@/lib/gitlab/package-delete";
import { liveRoleLookup, loadReadableTarget, requireLiveRole, type RoleLookup } from "./authorize";
import { statusForCode, type DeleteResult } from "./results";

// Every delete is checked three times — the mirror (may this user see it?), GitLab's live
// membership (may they delete there now?), and GitLab itself on the DELETE made with their own
// token — and the mirror changes only after GitLab said yes. Every attempt is audited.

export type DeleteVia = "ui" | "api" | "bulk";
export type Actor = Pick<Identity, "user" | "gitlab">;

const label = (t: DeleteTarget) => `${t.name}${t.version ? ` ${t.version}` : ""}`;

/**
 * GitLab has already deleted it: that is the outcome to report. A mirror write that fails now
 * is logged and left for the next catalog reconcile, which drops what GitLab no longer lists.
 */
async function updateMirror(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (e) {
    console.error("[portal] mirror update after a GitLab delete failed", e);
  }
}

function failure(id: number, e: unknown): DeleteResult {
  if (!isAppError(e)) {
    console.error("[portal] delete failed unexpectedly", e);
    return {
      id,
      ok: false,
      status: "failed",
      message: "Something went wrong on our side.",
      code: "internal",
    };
  }
  return { id, ok: false, status: statusForCode(e.code), message: e.message, code: e.code };
}

/** Runs one attempt and audits it; expected failures come back as a result, not a throw. */
async function attempt(
  base: Omit<DeleteAttempt, "result">,
  run: (into: Omit<DeleteAttempt, "result">) => Promise<string>,
): Promise<DeleteResult> {
  const audit = { ...base };
  let result: DeleteResult;
  try {
    const message = await run(audit);
    result = { id: base.packageId, ok: true, status: "deleted", message };
  } catch (e) {
    result = failure(base.packageId, e);
  }
  await recordDeleteAttempt({ ...audit, result });
  return result;
}

export type PackageDeleteInput = {
  identity: Actor;
  packageId: number;
  via: DeleteVia;
  /** Shared by a bulk run; a single delete makes its own. */
  lookup?: RoleLookup;
};

export function attemptPackageDelete(input: PackageDeleteInput): Promise<DeleteResult> {
  const { identity, packageId, via } = input;
  const { user, gitlab } = identity;
  const lookup = input.lookup ?? liveRoleLookup(gitlab, user.id);
  return attempt({ user, action: "package.delete", via, packageId }, async (audit) => {
    const target = await loadReadableTarget(user, packageId);
    audit.target = target;
    audit.bytes = target.sizeBytes;
    await requireLiveRole(user, target, "delete_package", lookup);
    await removePackage(gitlab, target.projectId, target.id);
    await updateMirror(() => deleteMirroredPackage(target.id));
    return `Deleted ${label(target)} from ${target.projectPath}.`;
  });
}

export type FileDeleteInput = {
  identity: Actor;
  packageId: number;
  fileId: number;
  via: DeleteVia;
};

export function attemptFileDelete(input: FileDeleteInput): Promise<DeleteResult> {
  const { identity, packageId, fileId, via } = input;
  const { user, gitlab } = identity;
  const base = {
    user,
    action: "package_file.delete" as const,
    via,
    packageId,
    file: { id: fileId },
  };
  return attempt(base, async (audit) => {
    const target = await loadReadableTarget(user, packageId);
    audit.target = target;
    const file = (await listMirroredFiles(packageId)).find((f) => f.id === fileId);
    if (!file)
      throw new AppError(
        "not_found",
        "That file is not part of this package, or you cannot see it.",
      );
    audit.file = { id: file.id, fileName: file.fileName, size: file.size };
    audit.bytes = file.size;
    await requireLiveRole(user, target, "delete_package_file", liveRoleLookup(gitlab, user.id));
    await removePackageFile(gitlab, target.projectId, target.id, file.id);
    await updateMirror(() => deleteMirroredFile(target.id, file.id));
    return `Deleted ${file.fileName} from ${label(target)}.`;
  });
}

function orThrow(result: DeleteResult): DeleteResult {
  if (result.ok) return result;
  throw new AppError(result.code ?? "internal", result.message);
}

/** Deletes one version; throws the AppError (403/404/429/502…) when it did not happen. */
export async function deletePackage(input: PackageDeleteInput): Promise<DeleteResult> {
  return orThrow(await attemptPackageDelete(input));
}

/** Deletes one file of a version; throws when it did not happen. */
export async function deletePackageFile(input: FileDeleteInput): Promise<DeleteResult> {
  return orThrow(await attemptFileDelete(input));
}
