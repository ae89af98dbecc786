import { listPackages, type CatalogTuning, type PackageList } from "@/db/queries/catalog";
import type { toReader } from "@/lib/access/reader";
import { catalogQuerySchema, resolveSort } from "@/lib/validations/catalog";

// The packages view, folded the slow obvious way: every version the versions view lists under
// the same filters, grouped per package in JavaScript. The folded readers must page exactly
// as this does (count, size, newest, last download, latest version; nulls last; ties broken by
// the latest version's id, highest first).

export type Reader = ReturnType<typeof toReader>;

export const list = (reader: Reader, qs: string, tuning?: CatalogTuning): Promise<PackageList> => {
  const q = catalogQuerySchema.parse(Object.fromEntries(new URLSearchParams(qs)));
  return listPackages({ ...reader, ...q, sort: resolveSort(q), perPage: q.per_page }, tuning);
};

export type Folded = {
  key: string;
  latest: { id: number; rank: number; at: number };
  count: number;
  size: number | null;
  newest: number;
  downloaded: number | null;
};

/** Every version the reader sees under `filters`, folded per package. */
export async function expectedFold(reader: Reader, filters: string): Promise<Folded[]> {
  const byKey = new Map<string, Folded>();
  for (let page = 1; ; page++) {
    const { items } = await list(reader, `view=versions&${filters}&per_page=100&page=${page}`);
    for (const v of items) {
      const key = `${v.projectId}/${v.packageType}/${v.name}`;
      const at = v.createdAt.getTime();
      const dl = v.lastDownloadedAt?.getTime() ?? null;
      const me = { id: v.id, rank: v.versionRank, at };
      const f = byKey.get(key);
      if (!f) {
        byKey.set(key, {
          key,
          latest: me,
          count: 1,
          size: v.sizeBytes,
          newest: at,
          downloaded: dl,
        });
        continue;
      }
      const l = f.latest;
      if (me.rank > l.rank || (me.rank === l.rank && (at > l.at || (at === l.at && me.id > l.id))))
        f.latest = me;
      f.count++;
      f.size = f.size === null || v.sizeBytes === null ? null : f.size + v.sizeBytes;
      f.newest = Math.max(f.newest, at);
      if (dl !== null) f.downloaded = Math.max(f.downloaded ?? dl, dl);
    }
    if (items.length < 100) return [...byKey.values()];
  }
}

export type FoldField = "newest" | "downloaded" | "size";

/** nulls last in both directions, then the latest version's id, highest first. */
export function sortedFold(rows: Folded[], field: FoldField, dir: 1 | -1) {
  return [...rows].sort((a, b) => {
    const x = a[field];
    const y = b[field];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return (x - y) * dir;
    }
    return b.latest.id - a.latest.id;
  });
}

/** The orders no walk follows, and the walkable ones a fold can also be read in. */
export const FOLD_ORDERS = [
  ["sort=published&order=asc", "newest", 1],
  ["sort=published&order=desc", "newest", -1],
  ["sort=downloaded&order=asc", "downloaded", 1],
  ["sort=downloaded&order=desc", "downloaded", -1],
  ["sort=size&order=asc", "size", 1],
  ["sort=size&order=desc", "size", -1],
] as const;

export const shownFold = (l: PackageList) =>
  l.items.map((i) => `${i.id} ${i.folded!.versionCount} ${i.folded!.totalSize}`);
export const wantFold = (rows: Folded[]) => rows.map((f) => `${f.latest.id} ${f.count} ${f.size}`);

/** Every page of the packages view under `filters` and `sort`, `perPage` at a time. */
export async function allFoldedPages(
  reader: Reader,
  filters: string,
  sort: string,
  perPage: number,
  tuning?: CatalogTuning,
): Promise<string[]> {
  const got: string[] = [];
  for (let page = 1; ; page++) {
    const l = await list(
      reader,
      `view=packages&${filters}&${sort}&per_page=${perPage}&page=${page}`,
      tuning,
    );
    got.push(...shownFold(l));
    if (l.items.length < perPage) return got;
  }
}
