import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { listPackages, type CatalogTuning, type PackageList } from "@/db/queries/catalog";
import { SERIES_READ } from "@/db/queries/catalog-count";
import { toReader } from "@/lib/access/reader";
import { authenticateToken } from "@/lib/auth/api-token";
import { runSync } from "@/lib/sync/sync";
import { publishPackages, resetCatalog, resetSandbox } from "@/lib/testing/catalog-kit";
import { catalogQuerySchema, resolveSort } from "@/lib/validations/catalog";

// The packages view counts packages, not versions: under a version term, how many packages
// hold a matching version (catalog-count.ts, cappedSeriesCounts). The matching versions are
// read first, up to SERIES_READ × (cap + 1), and grouped by package; past that, the packages
// are walked. What the user sees is the count ("7", or "3+" past the cap): it must be the
// same whichever way it was found, and never above the truth.

afterAll(() => closeDb());

// One version held by many packages (a release every package made), and many versions of
// one package (nightlies): the two shapes the first read must tell apart.
const WIDE = Array.from({ length: 7 }, (_, i) => `wide-tool-${i}`);
const NIGHTLIES = 20;

let reader: ReturnType<typeof toReader>;

beforeAll(async () => {
  await resetSandbox();
  await resetCatalog();
  for (const name of WIDE)
    await publishPackages({
      project_id: 10,
      count: 1,
      package_type: "generic",
      name,
      version: "7.7.7",
    });
  for (let i = 1; i <= NIGHTLIES; i++)
    await publishPackages({
      project_id: 10,
      count: 1,
      package_type: "npm",
      name: "nightly-tool",
      version: `9.9.9-nightly.${i}`,
    });
  await runSync({ kind: "full", trigger: "test", newFilesLimit: 0 });
  const { user } = await authenticateToken({ token: "glpat-sandbox-admin", kind: "pat" });
  reader = toReader(user);
});

const count = (qs: string, countCap: number): Promise<PackageList> => {
  const q = catalogQuerySchema.parse(
    Object.fromEntries(new URLSearchParams(`${qs}&view=packages`)),
  );
  const tuning: CatalogTuning = { countCap, broadNames: 200 };
  return listPackages(
    { ...reader, ...q, sort: resolveSort(q), perPage: q.per_page, fresh: true },
    tuning,
  );
};

describe("packages counted under a version term", () => {
  it("one version in many packages: exact under the cap, a lower bound past it", async () => {
    // 7 versions, all read: 7 packages.
    const exact = await count("q=7.7.7", 10);
    expect([exact.total, exact.exact, exact.facets]).toEqual([7, true, { generic: 7 }]);
    // More versions than the cap (3), no more than the first read: 7 packages, past the cap.
    expect(SERIES_READ * (3 + 1)).toBeGreaterThan(WIDE.length);
    const capped = await count("q=7.7.7", 3);
    expect([capped.total, capped.exact]).toEqual([3, false]);
    expect(capped.facets.generic).toBeGreaterThan(3);
    expect(capped.facets.generic).toBeLessThanOrEqual(7);
  });

  it("many versions of one package: one package, whether the first read holds them all or not", async () => {
    // A cap whose first read holds all 20 versions: grouped to one package.
    const all = Math.ceil(NIGHTLIES / SERIES_READ);
    expect(SERIES_READ * (all + 1)).toBeGreaterThan(NIGHTLIES);
    const read = await count("q=9.9.9-nightly", all);
    expect([read.total, read.exact, read.facets]).toEqual([1, true, { npm: 1 }]);
    // Cap 3: the first read stops inside the one package's versions; the packages are
    // walked instead, and the count is still exact.
    expect(SERIES_READ * (3 + 1)).toBeLessThan(NIGHTLIES);
    const walked = await count("q=9.9.9-nightly", 3);
    expect([walked.total, walked.exact, walked.facets]).toEqual([1, true, { npm: 1 }]);
    expect(walked.items.map((i) => [i.name, i.folded?.versionCount])).toEqual([
      ["nightly-tool", NIGHTLIES],
    ]);
  });

  it("a type filter past the cap counts the selected type on its own", async () => {
    const mixed = await count("q=9.9.9-nightly&type=npm", 3);
    expect([mixed.total, mixed.exact]).toEqual([1, true]);
    const none = await count("q=7.7.7&type=npm", 3);
    expect([none.total, none.exact, none.items]).toEqual([0, true, []]);
  });
});
