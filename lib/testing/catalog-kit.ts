import { getSql } from "@/db";
import { bumpCatalogGeneration } from "@/db/catalog-changes";
import { listPackages, type ListedPackage } from "@/db/queries/catalog";
import { toReader } from "@/lib/access/reader";
import { authenticateToken } from "@/lib/auth/api-token";
import { env } from "@/lib/env";

// Helpers for catalog integration tests and the bench: drive the sandbox's control API
// (over HTTP, like any client) and empty the catalog tables.

/** The sandbox the tests and the bench run against: it is the portal's GITLAB_URL there. */
export const sandboxUrl = (): string => env().gitlabUrl;

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sandboxUrl()}/-/sandbox/${path}`, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

export const resetSandbox = () => control("POST", "reset");
export const addFault = (fault: Record<string, unknown>) => control("POST", "faults", fault);
export const clearFaults = () => control("DELETE", "faults");
export const publishPackages = (body: {
  project_id: number;
  count: number;
  package_type?: string;
  name?: string;
  version?: string;
  /** as GitLab names them: default, hidden, processing, error, pending_destruction, deprecated */
  status?: string;
}) => control("POST", "packages", body) as Promise<{ ids: number[] }>;

/** GitLab REST as one sandbox user (PAT glpat-sandbox-<user>), all pages. */
export async function gitlabGetAll<T>(
  user: string,
  path: string,
): Promise<{ status: number; items: T[] }> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const sep = path.includes("?") ? "&" : "?";
    const res = await fetch(`${sandboxUrl()}/api/v4/${path}${sep}per_page=100&page=${page}`, {
      headers: { "PRIVATE-TOKEN": `glpat-sandbox-${user}` },
    });
    if (!res.ok) return { status: res.status, items };
    items.push(...((await res.json()) as T[]));
    if (!res.headers.get("x-next-page")) return { status: 200, items };
  }
}

export async function resetCatalog(): Promise<void> {
  await getSql()`truncate name_trigrams, trigram_names, package_series, package_files, packages, projects, groups, sync_runs`;
  bumpCatalogGeneration();
}

/** A comparable picture of the catalog: every package row's synced fields, sorted. */
export async function catalogSnapshot(): Promise<string[]> {
  const rows = await getSql()<{ line: string }[]>`
    select concat_ws('|', id, project_id, name, version, package_type, status, created_at,
      last_downloaded_at, version_rank, is_prerelease) as line
    from packages order by id`;
  return rows.map((r) => r.line);
}

/** Every version a fixture user's catalog lists (versions view, every page), as they see it. */
export async function everyCatalogItem(user: string): Promise<ListedPackage[]> {
  const { user: me } = await authenticateToken({ token: `glpat-sandbox-${user}`, kind: "pat" });
  const items: ListedPackage[] = [];
  for (let page = 1; ; page++) {
    const r = await listPackages({
      ...toReader(me),
      type: [],
      view: "versions",
      never_downloaded: false,
      sort: { field: "published", order: "desc" },
      page,
      perPage: 100,
    });
    items.push(...r.items);
    if (page * 100 >= r.total) return items;
  }
}
