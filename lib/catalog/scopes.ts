import { getGroupSummary, getProjectSummary } from "@/db/queries/catalog-detail";
import { listStalePackages } from "@/db/queries/catalog-scope";
import { toReader as reader } from "@/lib/access/reader";
import type { CurrentUser } from "@/lib/auth/session";
import { catalogQuerySchema } from "@/lib/validations/catalog";
import { browseCatalog } from "./browse";
import { toItem } from "./present";

// Group and project pages: summary, newest packages (folded) and stale versions, all
// through the same readability filter as the catalog.

async function scopeLists(
  user: CurrentUser,
  scope: { group?: string; project?: string },
  stale: { groupId?: number; projectId?: number },
) {
  const [newest, staleRows] = await Promise.all([
    browseCatalog(
      user,
      catalogQuerySchema.parse({ ...scope, view: "packages", sort: "-published", per_page: 10 }),
    ),
    listStalePackages(reader(user), stale, 10),
  ]);
  return { newest, stale: staleRows.map((r) => toItem(r, user.isAdmin)) };
}

export async function groupOverview(user: CurrentUser, id: number) {
  const group = await getGroupSummary(reader(user), id);
  if (!group) return null;
  return { group, ...(await scopeLists(user, { group: String(id) }, { groupId: id })) };
}

export async function projectOverview(user: CurrentUser, id: number) {
  const project = await getProjectSummary(reader(user), id);
  if (!project) return null;
  return { project, ...(await scopeLists(user, { project: String(id) }, { projectId: id })) };
}
