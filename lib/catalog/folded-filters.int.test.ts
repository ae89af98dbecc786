import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db";
import type { CatalogTuning } from "@/db/queries/catalog";
import { toReader } from "@/lib/access/reader";
import { authenticateToken } from "@/lib/auth/api-token";
import { publishPackages, resetCatalog, resetSandbox } from "@/lib/testing/catalog-kit";
import {
  FOLD_ORDERS,
  allFoldedPages,
  expectedFold,
  list,
  sortedFold,
  wantFold,
  type Reader,
} from "@/lib/testing/fold-kit";
import { runSync } from "@/lib/sync/sync";
import { refreshAllSeries } from "@/db/queries/package-series";

// The packages view under its filters (dates and downloads on a package's own figures, a
// version term and a status as "holds a matching version", several at once): few matches are
// read through the filters' own indexes where they are counted, and past the count cap the
// order's index is walked. Every page of every way must equal the packages computed here.

const TUNINGS: Record<string, CatalogTuning | undefined> = {
  "counted matches folded": undefined,
  "broad readers": { countCap: 3, broadNames: 2 },
};

const day = (d: Date) => d.toISOString().slice(0, 10);

describe("packages view under version filters, every order", () => {
  const readers: Record<string, Reader> = {};
  let filters: string[] = [];

  beforeAll(async () => {
    await resetSandbox();
    await resetCatalog();
    // A backport: 3.0.0, then 2.9.0 published after it. The latest version is still 3.0.0 (by
    // the ecosystem's order, not by date), in a fold as in package_series.
    for (const version of ["3.0.0", "2.9.0"])
      await publishPackages({
        project_id: 10,
        count: 1,
        package_type: "generic",
        name: "backported",
        version,
      });
    // Files for part of the catalog: size orders meet known sizes and ties of unknown ones.
    const s = await runSync({ kind: "full", trigger: "test", newFilesLimit: 60 });
    expect(s.status).toBe("succeeded");
    // Versions published within the same day, as a bulk import leaves them: packages then tie
    // on their newest time across page boundaries, and the tie-break must still be exact.
    // The mirror's writers keep package_series; this test's write refreshes it as they do.
    await getSql()`update packages set created_at = date_trunc('day', created_at)`;
    await refreshAllSeries();
    for (const u of ["admin", "developer"]) {
      const { user } = await authenticateToken({ token: `glpat-sandbox-${u}`, kind: "pat" });
      readers[u] = toReader(user);
    }
    // Dates from the catalog itself, so each filter keeps part of it: the packages' own
    // newest publication and last download (what the packages view filters on).
    const byDate = (
      await list(readers.admin, "view=packages&sort=published&order=asc&per_page=100")
    ).items.map((i) => i.folded!);
    const mid = day(byDate[Math.floor(byDate.length / 2)].newestAt);
    const downloads = byDate
      .map((v) => v.lastDownloadedAt)
      .filter((d): d is Date => d !== null)
      .sort((a, b) => a.getTime() - b.getTime());
    const midDl = day(downloads[Math.floor(downloads.length / 2)]);
    filters = [
      `published_to=${mid}`,
      `published_from=${mid}`,
      "never_downloaded=true",
      `downloaded_before=${midDl}`,
      `downloaded_before=${midDl}&never_downloaded=true`,
      "q=1.",
      `status=default&published_from=${day(byDate[2].newestAt)}`,
    ];
  });

  for (const user of ["admin", "developer"])
    for (const [way, tuning] of Object.entries(TUNINGS))
      it(`${user}, ${way}: every page equals the packages the filters keep`, async () => {
        for (const f of filters) {
          const fold = await expectedFold(readers[user], f);
          // Few packages were never downloaded at all; every other filter keeps several.
          expect(fold.length, f).toBeGreaterThan(f === "never_downloaded=true" ? 0 : 3);
          for (const [sort, field, dir] of FOLD_ORDERS) {
            const got = await allFoldedPages(readers[user], f, sort, 7, tuning);
            expect(got, `${f} ${sort}`).toEqual(wantFold(sortedFold(fold, field, dir)));
          }
        }
      });
});
