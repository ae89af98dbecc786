// Package listings (facts §2.1–2.2) over precomputed orderings, with a small result cache so
// paging through 100k packages slices an array instead of filtering and sorting again.
import type { Store } from "./store";
import { DISPLAYABLE, type PackageRecord, type PackageStatus, type PackageType } from "./types";

export interface PackageFilter {
  projectIds: ReadonlySet<number>;
  packageType?: PackageType;
  packageName?: string;
  packageVersion?: string;
  includeVersionless: boolean;
  status?: PackageStatus;
  orderBy: "created_at" | "name" | "version" | "type" | "project_path";
  sort: "asc" | "desc";
}

const CACHE_SIZE = 64;
const cache = new Map<string, { version: number; store: Store; ids: number[] }>();

export function listPackageIds(store: Store, f: PackageFilter, cacheKey: string): number[] {
  const hit = cache.get(cacheKey);
  if (hit && hit.version === store.version && hit.store === store) return hit.ids;
  const ids = compute(store, f);
  cache.delete(cacheKey);
  cache.set(cacheKey, { version: store.version, store, ids });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return ids;
}

function matches(p: PackageRecord, f: PackageFilter, name: string | undefined): boolean {
  if (f.status ? p.status !== f.status : !DISPLAYABLE.has(p.status)) return false;
  if (p.version === null && (!f.includeVersionless || f.packageVersion !== undefined)) return false;
  if (f.packageType ? p.type !== f.packageType : p.type === "terraform_module") return false;
  if (f.packageVersion !== undefined && p.version !== f.packageVersion) return false;
  if (name !== undefined && !p.name.toLowerCase().includes(name)) return false;
  return true;
}

function compute(store: Store, f: PackageFilter): number[] {
  const name = f.packageName?.toLowerCase();
  const out: PackageRecord[] = [];
  // few projects: walk their own lists; many: one pass over the global order
  const perProject = f.projectIds.size <= 50;
  if (perProject) {
    for (const pid of f.projectIds) {
      for (const id of store.byProject.get(pid) ?? []) {
        const p = store.packages.get(id)!;
        if (matches(p, f, name)) out.push(p);
      }
    }
  } else {
    for (const id of store.order) {
      const p = store.packages.get(id)!;
      if (f.projectIds.has(p.projectId) && matches(p, f, name)) out.push(p);
    }
  }
  const dir = f.sort === "desc" ? -1 : 1;
  const byCreated = (a: PackageRecord, b: PackageRecord) =>
    a.createdAt - b.createdAt || a.id - b.id;
  const str = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const path = (p: PackageRecord) => store.projectsById.get(p.projectId)!.pathWithNamespace;
  const key: Record<PackageFilter["orderBy"], (a: PackageRecord, b: PackageRecord) => number> = {
    created_at: byCreated,
    name: (a, b) => str(a.name, b.name) || byCreated(a, b),
    version: (a, b) => str(a.version ?? "", b.version ?? "") || byCreated(a, b),
    type: (a, b) => str(a.type, b.type) || byCreated(a, b),
    project_path: (a, b) => str(path(a), path(b)) || byCreated(a, b),
  };
  if (perProject || f.orderBy !== "created_at") out.sort((a, b) => key[f.orderBy](a, b));
  const ids = out.map((p) => p.id);
  return dir === 1 ? ids : ids.reverse();
}
