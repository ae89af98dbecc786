import { listProjectPaths } from "@/db/queries/retention-policies";
import { listReadableProjectIds } from "@/db/queries/catalog-access";
import { attachRetentionFiles, listRetentionCandidates } from "@/db/queries/retention-candidates";
import type { CurrentUser } from "@/lib/auth/session";
import type { PolicyDocument } from "@/lib/validations/retention";
import { planRetention } from "./planner";
import type { RetentionPlan } from "./types";
import { reader } from "./authorize";

// Planning a policy from the catalog mirror: what a run would do now. The cron run and the
// preview share planFromCatalog, so "the preview" and "what runs" are one computation.

export async function planFromCatalog(
  policy: PolicyDocument,
  now = new Date(),
): Promise<RetentionPlan> {
  let rows = await listRetentionCandidates(policy.scope, policy.package_types);
  if (policy.keep_duplicate_files !== null) rows = await attachRetentionFiles(rows);
  return planRetention(rows, policy, now);
}

export type PreviewItem = RetentionPlan["delete"][number] & { project_path: string | null };

export type Preview = {
  delete: PreviewItem[];
  delete_files: (RetentionPlan["delete_files"][number] & { project_path: string | null })[];
  keep: PreviewItem[];
  bytes: number;
  /** Deletions in projects this viewer may not read: counted, never named. */
  hidden: { count: number; bytes: number };
  planned_at: string;
};

/**
 * The plan as one viewer may see it: rows of projects they cannot read are left out of the
 * lists and only counted, so a preview never reveals a package GitLab would hide from them.
 */
export async function previewFor(user: CurrentUser, policy: PolicyDocument): Promise<Preview> {
  const now = new Date();
  const plan = await planFromCatalog(policy, now);
  const readable = user.isAdmin ? null : new Set(await listReadableProjectIds(reader(user)));
  const visible = (id: number) => readable === null || readable.has(id);
  const ids = [...new Set([...plan.delete, ...plan.keep].map((i) => i.project_id))];
  const paths = await listProjectPaths(ids.filter(visible));
  const withPath = <T extends { project_id: number }>(i: T) => ({
    ...i,
    project_path: paths.get(i.project_id) ?? null,
  });
  let hiddenCount = 0;
  let hiddenBytes = 0;
  for (const i of [...plan.delete, ...plan.delete_files])
    if (!visible(i.project_id)) {
      hiddenCount++;
      hiddenBytes += i.size_bytes;
    }
  return {
    delete: plan.delete.filter((i) => visible(i.project_id)).map(withPath),
    delete_files: plan.delete_files.filter((i) => visible(i.project_id)).map(withPath),
    keep: plan.keep.filter((i) => visible(i.project_id)).map(withPath),
    bytes: plan.bytes,
    hidden: { count: hiddenCount, bytes: hiddenBytes },
    planned_at: now.toISOString(),
  };
}
