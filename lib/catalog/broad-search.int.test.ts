import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db";
import { listPackages, type CatalogTuning, type PackageList } from "@/db/queries/catalog";
import { toReader } from "@/lib/access/reader";
import { authenticateToken } from "@/lib/auth/api-token";
import { publishPackages, resetCatalog, resetSandbox } from "@/lib/testing/catalog-kit";
import { runSync } from "@/lib/sync/sync";
import { catalogQuerySchema, resolveSort } from "@/lib/validations/catalog";

// A broad search (more than COUNT_CAP matching rows, or more than BROAD_NAMES matching names)
// is read by walking indexes in the page's order instead of reading every match. The walks
// must give exactly the pages the exhaustive reading gives. Tiny thresholds send the small
// fixture down the broad paths; huge ones down the exhaustive paths; every page must agree.

const BROAD: CatalogTuning = { countCap: 3, broadNames: 2 };
// Every version term's range read version by version, "1" (over 200 versions) included: it
// is also a broad name, whose substring matches hold other versions too.
const BROAD_SPARSE: CatalogTuning = { ...BROAD, sparseVersions: 1000 };
const versionTerm = (qs: string) => /^q=(v?\d|[^&]*%20v?\d)/.test(qs);
const EXHAUSTIVE: CatalogTuning = { countCap: 1e9, broadNames: 1e9 };

type Reader = ReturnType<typeof toReader>;

const page = (reader: Reader, qs: string, tuning: CatalogTuning): Promise<PackageList> => {
  const q = catalogQuerySchema.parse(Object.fromEntries(new URLSearchParams(qs)));
  return listPackages({ ...reader, ...q, sort: resolveSort(q), perPage: q.per_page }, tuning);
};

const rows = (list: PackageList) =>
  list.items.map((i) =>
    [
      i.id,
      i.folded
        ? `${i.folded.versionCount}/${i.folded.totalSize}/${i.folded.newestAt.toISOString()}`
        : "",
    ].join(" "),
  );

describe("broad searches read the same pages as exhaustive ones", () => {
  const readers: Record<string, Reader> = {};
  let queries: string[] = [];

  beforeAll(async () => {
    await resetSandbox();
    await resetCatalog();
    // Names with a digit, so a version search ("1", "1.") is also a broad name search: name
    // matches, then near names, then rows matched by their version only.
    // The same names in three projects tie in a name sort: a walk must not stop inside a tie.
    // A version that is also a broad name term ("lib": Maven takes any version string), and
    // published first, so only its +1 puts it ahead of newer substring matches.
    for (const project_id of [10, 3])
      await publishPackages({
        project_id,
        count: 1,
        package_type: "maven",
        name: "com/acme/lib-bom",
        version: "lib",
      });
    for (const project_id of [10, 3, 1])
      for (const name of ["svc1-agent", "tool-1x", "lib1-core", "platform1"])
        for (const version of ["1.0.0", "2.1.0", "0.1.1"])
          await publishPackages({ project_id, count: 1, package_type: "generic", name, version });
    // Names differing only in case, beyond ASCII too: a broad term is matched on the stored
    // lower(name) (name_lower like lower(term)), which must be what ILIKE finds.
    for (const name of ["@platon/über-tool", "Über.Core", "legacy-ÜBER", "ÜberLib"])
      await publishPackages({ project_id: 10, count: 1, package_type: "generic", name });
    // Files for part of the catalog, so size sorts meet known sizes and a tie of unknown ones.
    const s = await runSync({ kind: "full", trigger: "test", newFilesLimit: 60 });
    expect(s.status).toBe("succeeded");
    for (const u of ["admin", "developer", "external"]) {
      const { user } = await authenticateToken({ token: `glpat-sandbox-${u}`, kind: "pat" });
      readers[u] = toReader(user);
    }
    // Terms from the catalog's own names and versions: its commonest letters and pairs, a
    // scope, a word, a typo, an exact name, version prefixes, name + version.
    const sql = getSql();
    const common = async (len: number) =>
      (
        await sql<{ t: string }[]>`
          select lower(substr(ltrim(name, '@'), 1, ${len})) as t from packages
          group by 1 order by count(*) desc, 1 limit 2`
      ).map((r) => r.t);
    const [pick] = await sql<{ name: string; version: string }[]>`
      select name, version from packages where version ~ '^[0-9]+[.]' order by id limit 1
      offset (select count(*) / 2 from packages)`;
    const typo = pick.name.slice(0, -2) + pick.name.slice(-1) + pick.name.slice(-2, -1);
    const terms = [
      ...(await common(1)),
      ...(await common(2)),
      "@",
      "lib",
      "platon-", // broad, and near names without the hyphen ("Platon.Common")
      typo,
      pick.name,
      "Über", // broad (4 names) in any case: "ÜBER" and "über" too
      "ÜBER",
      "PLATON",
      "1",
      "1.",
      pick.version,
      `${pick.name} ${pick.version.split(".")[0]}.`,
    ];
    const filters = ["", "&type=npm&type=generic", "&never_downloaded=true"];
    const sorts = ["", "&sort=name", "&sort=-name", "&sort=-downloaded", "&sort=-size"];
    queries = [];
    for (const t of terms)
      for (const f of filters)
        for (const s of sorts) queries.push(`q=${encodeURIComponent(t)}${f}${s}`);
    // Version terms held by a few versions, each by many rows: newest first, these are read
    // version by version (catalog-page.ts, newestFirst) — every row of each, in order.
    for (const t of ["1.0.0", "2.1", "0.1.1"])
      for (const f of filters)
        for (const s of ["", "&sort=-published"]) queries.push(`q=${t}${f}${s}`);
    queries.push("sort=-size", "never_downloaded=true", "status=default&sort=-downloaded");
    // Ascending, unknowns last (their own indexes, migration 0010).
    queries.push("sort=size&order=asc", "sort=downloaded&order=asc", "q=a&sort=size&order=asc");
  });

  it("the thresholds really send queries down the broad paths", async () => {
    const names = await page(readers.admin, "q=platon-&view=packages&per_page=100", EXHAUSTIVE);
    expect(names.items.some((i) => !i.name.toLowerCase().includes("platon-"))).toBe(true);
    const broad = await page(readers.admin, "q=a&view=versions", BROAD);
    const all = await page(readers.admin, "q=a&view=versions", EXHAUSTIVE);
    expect(broad.exact).toBe(false);
    expect(broad.total).toBe(BROAD.countCap);
    expect(all.exact).toBe(true);
    expect(all.total).toBeGreaterThan(BROAD.countCap);
  });

  for (const user of ["admin", "developer", "external"])
    for (const view of ["versions", "packages"])
      it(`${user}, ${view} view: every page of every query agrees`, async () => {
        const mismatches: string[] = [];
        let compared = 0;
        let sparseCompared = 0;
        // Every page, up to the sixth: the later segments (near names, version-only rows)
        // only show on later pages.
        for (const q of queries)
          for (let p = 1; p <= 6; p++) {
            const qs = `${q}&view=${view}&per_page=4&page=${p}`;
            const [broad, all, sparse] = await Promise.all([
              page(readers[user], qs, BROAD),
              page(readers[user], qs, EXHAUSTIVE),
              versionTerm(qs) ? page(readers[user], qs, BROAD_SPARSE) : null,
            ]);
            if (JSON.stringify(rows(broad)) !== JSON.stringify(rows(all)))
              mismatches.push(`${qs}\n  broad ${rows(broad)}\n  all   ${rows(all)}`);
            if (sparse) sparseCompared += all.items.length;
            if (sparse && JSON.stringify(rows(sparse)) !== JSON.stringify(rows(all)))
              mismatches.push(`${qs}\n  sparse ${rows(sparse)}\n  all    ${rows(all)}`);
            // Past the cap the counts are lower bounds — never above the truth.
            if (!broad.exact) expect(broad.total).toBeLessThanOrEqual(all.total);
            else expect(broad.total).toBe(all.total);
            for (const [type, n] of Object.entries(broad.facets))
              expect(n).toBeLessThanOrEqual(all.facets[type] ?? 0);
            compared += all.items.length;
            if (all.items.length < 4) break;
          }
        expect(mismatches).toEqual([]);
        expect(compared).toBeGreaterThan(100); // the queries find rows to compare
        expect(sparseCompared).toBeGreaterThan(50);
      });
});
