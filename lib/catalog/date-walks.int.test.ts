import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db";
import { bumpCatalogGeneration } from "@/db/catalog-changes";
import type { CatalogTuning, ListedPackage } from "@/db/queries/catalog";
import { toReader } from "@/lib/access/reader";
import { authenticateToken } from "@/lib/auth/api-token";
import { resetCatalog, resetSandbox } from "@/lib/testing/catalog-kit";
import { list, type Reader } from "@/lib/testing/fold-kit";
import { runSync } from "@/lib/sync/sync";

// The versions view walks an order's index when many versions match, and under a date filter
// set against the order it bounds one date by the other: a version is never downloaded before
// it was published (catalog-read.ts, dateWalk). Every page of every such walk must equal the
// versions computed here from the whole list, in order — a version whose recorded download is
// older than its publication (GitLab never records one, but the mirror must not lose it)
// included.

const WALK: CatalogTuning = { countCap: 3, broadNames: 2 };
const day = (d: Date) => d.toISOString().slice(0, 10);
const DAY = 86_400_000;

type V = Pick<ListedPackage, "id" | "createdAt" | "lastDownloadedAt" | "sizeBytes">;

async function everyVersion(reader: Reader): Promise<V[]> {
  const out: V[] = [];
  for (let page = 1; ; page++) {
    const { items } = await list(reader, `view=versions&per_page=100&page=${page}`);
    out.push(...items);
    if (items.length < 100) return out;
  }
}

function expected(all: V[], filters: string, sort: string): number[] {
  const f = new URLSearchParams(filters);
  const t = (s: string) => new Date(s).getTime();
  const from = f.get("published_from");
  const before = f.get("downloaded_before");
  const never = f.get("never_downloaded") === "true";
  const kept = all.filter((v) => {
    const at = v.createdAt.getTime();
    const dl = v.lastDownloadedAt?.getTime() ?? null;
    if (from && at < t(from)) return false;
    if (never && !before) return dl === null;
    if (never && before) return dl === null || dl < t(before);
    if (before) return dl !== null && dl < t(before);
    return true;
  });
  const s = new URLSearchParams(sort);
  const dir = s.get("order") === "asc" ? 1 : -1;
  const key = (v: V): number | null =>
    s.get("sort") === "size"
      ? v.sizeBytes
      : s.get("sort") === "downloaded"
        ? (v.lastDownloadedAt?.getTime() ?? null)
        : v.createdAt.getTime();
  return kept
    .sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x !== y) {
        if (x === null) return 1;
        if (y === null) return -1;
        return (x - y) * dir;
      }
      if (s.get("sort") !== "published" && a.createdAt.getTime() !== b.createdAt.getTime())
        return b.createdAt.getTime() - a.createdAt.getTime();
      return b.id - a.id;
    })
    .map((v) => v.id);
}

async function walked(reader: Reader, filters: string, sort: string): Promise<number[]> {
  const got: number[] = [];
  for (let page = 1; ; page++) {
    const l = await list(reader, `view=versions&${filters}&${sort}&per_page=9&page=${page}`, WALK);
    expect(l.exact, `${filters} ${sort}: walked past the count cap`).toBe(false);
    got.push(...l.items.map((i) => i.id));
    if (l.items.length < 9) return got;
  }
}

const ORDERS = [
  "sort=size&order=asc",
  "sort=size&order=desc",
  "sort=downloaded&order=asc",
  "sort=downloaded&order=desc",
  "sort=published&order=asc",
  "sort=published&order=desc",
];

describe("versions view: date walks against their order", () => {
  const readers: Record<string, Reader> = {};
  let filters: string[] = [];
  let brokenId = 0;

  beforeAll(async () => {
    await resetSandbox();
    await resetCatalog();
    // Sizes for part of the catalog: the size orders walk known sizes, then unknown ones.
    const s = await runSync({ kind: "full", trigger: "test", newFilesLimit: 60 });
    expect(s.status).toBe("succeeded");
    for (const u of ["admin", "developer"]) {
      const { user } = await authenticateToken({ token: `glpat-sandbox-${u}`, kind: "pat" });
      readers[u] = toReader(user);
    }
    const all = await everyVersion(readers.admin);
    const ats = all.map((v) => v.createdAt.getTime()).sort((a, b) => a - b);
    const dls = all
      .map((v) => v.lastDownloadedAt?.getTime())
      .filter((d): d is number => d !== undefined)
      .sort((a, b) => a - b);
    const mid = day(new Date(ats[Math.floor(ats.length / 2)]));
    const midDl = day(new Date(dls[Math.floor(dls.length / 2)]));
    // One version recorded as downloaded before it was published: the newest, downloaded a
    // day before either date. Every filter below keeps it; a bound taken from the rule drops it.
    const newest = [...all].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    brokenId = newest.id;
    const early = new Date(Math.min(new Date(mid).getTime(), new Date(midDl).getTime()) - DAY);
    await getSql()`update packages set last_downloaded_at = ${early.toISOString()}
      where id = ${brokenId}`;
    // And the oldest, downloaded a day before its publication: the bounds keep it, so it must
    // not come twice (once walked, once read apart).
    const oldest = [...all].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
    await getSql()`update packages set last_downloaded_at = created_at - interval '1 day'
      where id = ${oldest.id}`;
    bumpCatalogGeneration(); // as the mirror's writers announce a change
    filters = [
      `published_from=${mid}`,
      `downloaded_before=${midDl}`,
      `downloaded_before=${midDl}&never_downloaded=true`,
      `published_from=${mid}&downloaded_before=${midDl}`,
      `published_from=${mid}&never_downloaded=true`,
    ];
  });

  for (const user of ["admin", "developer"])
    it(`${user}: every page of every order equals the versions the filters keep`, async () => {
      const all = await everyVersion(readers[user]);
      const readable = all.some((v) => v.id === brokenId);
      for (const [i, f] of filters.entries())
        for (const sort of ORDERS) {
          const want = expected(all, f, sort);
          expect(want.length, f).toBeGreaterThan(3);
          // The first four filters keep it (the last asks for versions never downloaded).
          if (readable && i < 4) expect(want, `${f}: the broken row`).toContain(brokenId);
          expect(await walked(readers[user], f, sort), `${f} ${sort}`).toEqual(want);
        }
    });
});
