import { deleteMirroredFile, deleteMirroredPackage } from "@/db/queries/package-mirror";
import { isAppError } from "@/lib/errors";
import type { GitlabApi } from "@/lib/gitlab/client";
import { removePackage, removePackageFile } from "@/lib/gitlab/package-delete";
import { getLivePackage, listLivePackageFiles } from "@/lib/gitlab/retention";
import type { PolicyDocument } from "@/lib/validations/retention";
import type { PlanFileItem, PlanItem } from "./types";

// One enforced deletion: re-read the candidate from GitLab just before deleting it (skip it,
// with the reason, if it changed or is gone), delete with the service token, then update the
// mirror exactly as the portal's delete path does. GitLab's 429/503 are retried with backoff
// by the requester; whatever still fails is reported, and the run moves on.

export type Outcome = { action: "deleted" | "skipped" | "failed"; reason: string };

const DAY_MS = 86_400_000;

async function updateMirror(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (e) {
    // GitLab already deleted it; the next catalog reconcile drops what GitLab no longer lists.
    console.error("[retention] mirror update after a GitLab delete failed", e);
  }
}

function failed(e: unknown): Outcome {
  if (isAppError(e)) return { action: "failed", reason: e.message };
  console.error("[retention] delete failed unexpectedly", e);
  return { action: "failed", reason: "Something went wrong on our side." };
}

/** Why the live package no longer qualifies, or null when it is still what was planned. */
export function changedSincePlanning(
  live: {
    name: string;
    version: string | null;
    status: string;
    last_downloaded_at?: string | null;
  },
  item: Pick<PlanItem, "name" | "version">,
  policy: Pick<PolicyDocument, "not_downloaded_days">,
  now: Date,
): string | null {
  if (live.status === "pending_destruction") return "already being deleted in GitLab";
  if (live.name !== item.name || (live.version ?? null) !== item.version)
    return "changed in GitLab since planning";
  if (policy.not_downloaded_days !== null && live.last_downloaded_at) {
    const last = new Date(live.last_downloaded_at).getTime();
    if (now.getTime() - last <= policy.not_downloaded_days * DAY_MS)
      return `downloaded since planning (${live.last_downloaded_at.slice(0, 10)})`;
  }
  return null;
}

export async function enforcePackageDelete(
  service: GitlabApi,
  item: PlanItem,
  policy: PolicyDocument,
  now: Date,
): Promise<Outcome> {
  try {
    const live = await getLivePackage(service, item.project_id, item.package_id, item.name);
    if (!live) return { action: "skipped", reason: "no longer in GitLab" };
    const changed = changedSincePlanning(live, item, policy, now);
    if (changed) return { action: "skipped", reason: changed };
    await removePackage(service, item.project_id, item.package_id);
  } catch (e) {
    if (isAppError(e) && e.code === "not_found")
      return { action: "skipped", reason: "no longer in GitLab" };
    return failed(e);
  }
  await updateMirror(() => deleteMirroredPackage(item.package_id));
  return { action: "deleted", reason: item.reason };
}

export async function enforceFileDelete(service: GitlabApi, item: PlanFileItem): Promise<Outcome> {
  try {
    const files = await listLivePackageFiles(service, item.project_id, item.package_id);
    if (!files) return { action: "skipped", reason: "package no longer in GitLab" };
    if (!files.some((f) => f.id === item.file_id))
      return { action: "skipped", reason: "file no longer in GitLab" };
    await removePackageFile(service, item.project_id, item.package_id, item.file_id);
  } catch (e) {
    if (isAppError(e) && e.code === "not_found")
      return { action: "skipped", reason: "file no longer in GitLab" };
    return failed(e);
  }
  await updateMirror(() => deleteMirroredFile(item.package_id, item.file_id));
  return { action: "deleted", reason: item.reason };
}
