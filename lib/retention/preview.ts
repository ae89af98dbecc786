import { listProjectPaths } from "@/db/queries/retention-policies";
import { listReadableProjectIds } from "@/db/queries/catalog-access";
import type { CurrentUser } from "@/lib/auth/session";
import type { PolicyDocument } from "@/lib/validations/retention";
import { reader } from "./authorize";
import { recentPlan } from "./plan";
import type { PlanFileItem, PlanItem } from "./types";

// What a policy would do now, as one viewer may see it, one page at a time. The plan is the
// one a run computes (lib/retention/plan.ts), reused while it is recent and the catalog has
// not changed, so paging through a 100 000-version preview does not plan it again.

export { planFromCatalog } from "./plan";

export type PreviewItem = PlanItem & { project_path: string | null };

export type Preview = {
  delete: PreviewItem[];
  delete_files: (PlanFileItem & { project_path: string | null })[];
  keep: PreviewItem[];
  bytes: number;
  /** Deletions in projects this viewer may not read: counted, never named. */
  hidden: { count: number; bytes: number };
  planned_at: string;
  /** How many of each list this viewer sees in all (the lists above may be one page). */
  totals: { delete: number; delete_files: number; keep: number };
  page?: number;
  per_page?: number;
};

/** Every item when per_page is absent, else that page of each list. */
export type PreviewPage = { page: number; per_page?: number };

/**
 * The plan as one viewer may see it: rows of projects they cannot read are left out of the
 * lists and only counted, so a preview never reveals a package GitLab would hide from them.
 */
export async function previewFor(
  user: CurrentUser,
  policy: PolicyDocument,
  paging: PreviewPage = { page: 1 },
): Promise<Preview> {
  const [{ plan, plannedAt }, readableIds] = await Promise.all([
    recentPlan(policy),
    user.isAdmin ? null : listReadableProjectIds(reader(user)),
  ]);
  const readable = readableIds === null ? null : new Set(readableIds);
  const visible = (i: { project_id: number }) => readable === null || readable.has(i.project_id);
  let hiddenCount = 0;
  let hiddenBytes = 0;
  for (const list of [plan.delete, plan.delete_files])
    for (const i of list)
      if (!visible(i)) {
        hiddenCount++;
        hiddenBytes += i.size_bytes;
      }
  const lists = {
    delete: readable === null ? plan.delete : plan.delete.filter(visible),
    delete_files: readable === null ? plan.delete_files : plan.delete_files.filter(visible),
    keep: readable === null ? plan.keep : plan.keep.filter(visible),
  };
  const { page, per_page } = paging;
  const slice = <T>(list: T[]) =>
    per_page ? list.slice((page - 1) * per_page, page * per_page) : list;
  const shown = {
    delete: slice(lists.delete),
    delete_files: slice(lists.delete_files),
    keep: slice(lists.keep),
  };
  // Project paths only for what this answer shows.
  const ids = new Set<number>();
  for (const list of [shown.delete, shown.delete_files, shown.keep])
    for (const i of list) ids.add(i.project_id);
  const paths = await listProjectPaths([...ids]);
  const withPath = <T extends { project_id: number }>(i: T) => ({
    ...i,
    project_path: paths.get(i.project_id) ?? null,
  });
  return {
    delete: shown.delete.map(withPath),
    delete_files: shown.delete_files.map(withPath),
    keep: shown.keep.map(withPath),
    bytes: plan.bytes,
    hidden: { count: hiddenCount, bytes: hiddenBytes },
    planned_at: plannedAt.toISOString(),
    totals: {
      delete: lists.delete.length,
      delete_files: lists.delete_files.length,
      keep: lists.keep.length,
    },
    ...(per_page ? { page, per_page } : {}),
  };
}
