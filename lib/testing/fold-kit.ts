import { listPackages, type CatalogTuning, type PackageList } from "@/db/queries/catalog";
import type { toReader } from "@/lib/access/reader";
import { catalogQuerySchema, resolveSort } from "@/lib/validations/catalog";

// The packages view, computed the slow obvious way from the versions view: every version the
// reader sees (under the identity filters), grouped per package in JavaScript; a package is
// kept when its own figures pass the date filters (newest version published, last download)
// and, under a status or a version term, when one of its versions matches them (the versions
// view under those filters alone). The packages view must page exactly as this does (count,
// size, newest, last download, latest version; nulls last; ties broken by the latest
// version's id, highest first).

export type Reader = ReturnType<typeof toReader>;

export const list = (reader: Reader, qs: string, tuning?: CatalogTuning): Promise<PackageList> => {
  const q = catalogQuerySchema.parse(Object.fromEntries(new URLSearchParams(qs)));
  return listPackages({ ...reader, ...q, sort: resolveSort(q), perPage: q.per_page }, tuning);
};

export type Folded = {
  key: string;
  latest: { id: number; rank: number; at: number };
  count: number;
  /** Versions matching the status and the search's version; null when neither is set. */
  matching: number | null;
  size: number | null;
  newest: number;
  downloaded: number | null;
};

const DATES = ["published_from", "published_to", "downloaded_before", "never_downloaded"];
const PROBES = ["q", "status"];

/** Every version of `filters`, as the versions view lists them. */
async function everyVersion(reader: Reader, filters: URLSearchParams) {
  const out: PackageList["items"] = [];
  for (let page = 1; ; page++) {
    const { items } = await list(reader, `view=versions&${filters}&per_page=100&page=${page}`);
    out.push(...items);
    if (items.length < 100) return out;
  }
}

const keyOf = (v: { projectId: number; packageType: string; name: string }) =>
  `${v.projectId}/${v.packageType}/${v.name}`;

/** The packages the reader sees under `filters` (a query string without view, sort or page). */
export async function expectedFold(reader: Reader, filters: string): Promise<Folded[]> {
  const all = new URLSearchParams(filters);
  const identity = new URLSearchParams(
    [...all].filter(([k]) => !DATES.includes(k) && !PROBES.includes(k)),
  );
  const probes = new URLSearchParams([...all].filter(([k]) => !DATES.includes(k)));
  let matching: Map<string, number> | null = null;
  if ([...probes.keys()].some((k) => PROBES.includes(k))) {
    matching = new Map();
    for (const v of await everyVersion(reader, probes))
      matching.set(keyOf(v), (matching.get(keyOf(v)) ?? 0) + 1);
  }
  const byKey = new Map<string, Folded>();
  for (const v of await everyVersion(reader, identity)) {
    const key = keyOf(v);
    const at = v.createdAt.getTime();
    const dl = v.lastDownloadedAt?.getTime() ?? null;
    const me = { id: v.id, rank: v.versionRank, at };
    const f = byKey.get(key);
    if (!f) {
      byKey.set(key, {
        key,
        latest: me,
        count: 1,
        matching: matching ? (matching.get(key) ?? 0) : null,
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
  const time = (d: string) => new Date(d).getTime();
  const from = all.get("published_from");
  const toDate = all.get("published_to");
  // A bare "to" date includes its whole day.
  const to = toDate ? time(toDate) + (/^\d{4}-\d{2}-\d{2}$/.test(toDate) ? 86_400_000 : 0) : null;
  const before = all.get("downloaded_before");
  const never = all.get("never_downloaded") === "true";
  return [...byKey.values()].filter(
    (f) =>
      (matching === null || (f.matching ?? 0) > 0) &&
      (!from || f.newest >= time(from)) &&
      (to === null || f.newest < to) &&
      (!before && !never
        ? true
        : (never && f.downloaded === null) ||
          (before !== undefined &&
            before !== null &&
            f.downloaded !== null &&
            f.downloaded < time(before))),
  );
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

/** The orders of the package's own figures, both ways. */
export const FOLD_ORDERS = [
  ["sort=published&order=asc", "newest", 1],
  ["sort=published&order=desc", "newest", -1],
  ["sort=downloaded&order=asc", "downloaded", 1],
  ["sort=downloaded&order=desc", "downloaded", -1],
  ["sort=size&order=asc", "size", 1],
  ["sort=size&order=desc", "size", -1],
] as const;

export const shownFold = (l: PackageList) =>
  l.items.map(
    (i) => `${i.id} ${i.folded!.versionCount} ${i.folded!.totalSize} ${i.folded!.matchingCount}`,
  );
export const wantFold = (rows: Folded[]) =>
  rows.map((f) => `${f.latest.id} ${f.count} ${f.size} ${f.matching}`);

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
