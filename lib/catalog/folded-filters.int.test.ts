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

// The packages view under version-level filters (dates, downloads, a version term, several at
// once) folds the matching versions on the fly (catalog-fold.ts): few matches are folded where
// they are counted, and past the count cap the broad readers walk where the order allows and
// fold every match where it does not. Every page of every way must equal the fold computed here.

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
    await getSql()`update packages set created_at = date_trunc('day', created_at)`;
    for (const u of ["admin", "developer"]) {
      const { user } = await authenticateToken({ token: `glpat-sandbox-${u}`, kind: "pat" });
      readers[u] = toReader(user);
    }
    // Dates from the catalog itself, so each filter keeps part of it.
    const byDate = (
      await list(readers.admin, "view=versions&sort=published&order=asc&per_page=100")
    ).items;
    const mid = day(byDate[Math.floor(byDate.length / 2)].createdAt);
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
      "q=1.",
      `status=default&published_from=${day(byDate[2].createdAt)}`,
    ];
  });

  for (const user of ["admin", "developer"])
    for (const [way, tuning] of Object.entries(TUNINGS))
      it(`${user}, ${way}: every page equals the fold of the matching versions`, async () => {
        for (const f of filters) {
          const fold = await expectedFold(readers[user], f);
          expect(fold.length, f).toBeGreaterThan(3);
          for (const [sort, field, dir] of FOLD_ORDERS) {
            const got = await allFoldedPages(readers[user], f, sort, 7, tuning);
            expect(got, `${f} ${sort}`).toEqual(wantFold(sortedFold(fold, field, dir)));
          }
        }
      });
});
