import { beforeAll, describe, expect, it } from "vitest";
import { listPackages, type PackageList } from "@/db/queries/catalog";
import { toReader } from "@/lib/access/reader";
import { authenticateToken } from "@/lib/auth/api-token";
import { publishPackages, resetCatalog, resetSandbox } from "@/lib/testing/catalog-kit";
import { runSync } from "@/lib/sync/sync";
import { catalogQuerySchema, resolveSort } from "@/lib/validations/catalog";

// The packages view filtered to status=default, under the orders no walk follows (oldest
// first, least recently downloaded, size): packages whose versions are all "default" are read
// from package_series, the few holding another status are folded, and the two merged
// (catalog-read.ts). Checked against a fold computed here from the versions view's rows.

type Reader = ReturnType<typeof toReader>;

const list = (reader: Reader, qs: string): Promise<PackageList> => {
  const q = catalogQuerySchema.parse(Object.fromEntries(new URLSearchParams(qs)));
  return listPackages({ ...reader, ...q, sort: resolveSort(q), perPage: q.per_page });
};

type Folded = {
  key: string;
  latest: { id: number; rank: number; at: number };
  count: number;
  size: number | null;
  newest: number;
  downloaded: number | null;
};

/** Every default version the reader sees, folded per package as the portal defines it. */
async function expectedFold(reader: Reader): Promise<Folded[]> {
  const byKey = new Map<string, Folded>();
  for (let page = 1; ; page++) {
    const { items } = await list(reader, `view=versions&status=default&per_page=100&page=${page}`);
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

// nulls last in both directions, then the latest version's id, highest first.
function sorted(rows: Folded[], field: "newest" | "downloaded" | "size", dir: 1 | -1) {
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

const shown = (l: PackageList) =>
  l.items.map((i) => `${i.id} ${i.folded!.versionCount} ${i.folded!.totalSize}`);
const want = (rows: Folded[]) => rows.map((f) => `${f.latest.id} ${f.count} ${f.size}`);

describe("packages view, status=default, orders no walk follows", () => {
  const readers: Record<string, Reader> = {};

  beforeAll(async () => {
    await resetSandbox();
    await resetCatalog();
    // A package with default and other versions (its fold differs from its series row: fewer
    // versions, another latest), and one with no default version at all (not listed).
    for (const [name, status, version] of [
      ["mixed-status", "default", "1.0.0"],
      ["mixed-status", "deprecated", "1.1.0"],
      ["mixed-status", "default", "1.2.0"],
      ["mixed-status", "error", "2.0.0"],
      ["never-default", "deprecated", "1.0.0"],
    ])
      await publishPackages({
        project_id: 10,
        count: 1,
        package_type: "generic",
        name,
        status,
        version,
      });
    const s = await runSync({ kind: "full", trigger: "test", newFilesLimit: 60 });
    expect(s.status).toBe("succeeded");
    for (const u of ["admin", "developer", "external"]) {
      const { user } = await authenticateToken({ token: `glpat-sandbox-${u}`, kind: "pat" });
      readers[u] = toReader(user);
    }
  });

  const orders = [
    ["sort=published&order=asc", "newest", 1],
    ["sort=downloaded&order=asc", "downloaded", 1],
    ["sort=size&order=asc", "size", 1],
    ["sort=size&order=desc", "size", -1],
  ] as const;

  for (const user of ["admin", "developer", "external"])
    it(`${user}: every page equals the fold of the default versions`, async () => {
      const fold = await expectedFold(readers[user]);
      expect(fold.length).toBeGreaterThan(5);
      if (user === "admin") {
        const mixed = fold.find((f) => f.key.endsWith("/generic/mixed-status"));
        expect(mixed?.count).toBe(2);
        expect(fold.some((f) => f.key.endsWith("/never-default"))).toBe(false);
      }
      for (const [sort, field, dir] of orders) {
        const expected = want(sorted(fold, field, dir));
        const got: string[] = [];
        for (let page = 1; ; page++) {
          const l = await list(
            readers[user],
            `view=packages&status=default&${sort}&per_page=7&page=${page}`,
          );
          got.push(...shown(l));
          if (l.items.length < 7) break;
        }
        expect(got, `${user} ${sort}`).toEqual(expected);
      }
    });
});
