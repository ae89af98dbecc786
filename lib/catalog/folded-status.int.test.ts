import { beforeAll, describe, expect, it } from "vitest";
import { toReader } from "@/lib/access/reader";
import { authenticateToken } from "@/lib/auth/api-token";
import { publishPackages, resetCatalog, resetSandbox } from "@/lib/testing/catalog-kit";
import {
  allFoldedPages,
  expectedFold,
  sortedFold,
  wantFold,
  type Reader,
} from "@/lib/testing/fold-kit";
import { runSync } from "@/lib/sync/sync";

// The packages view filtered to status=default, under the orders no walk follows (oldest
// first, least recently downloaded, size): packages whose versions are all "default" are read
// from package_series, the few holding another status are folded, and the two merged
// (catalog-read.ts). Checked against a fold computed here from the versions view's rows.

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
      const fold = await expectedFold(readers[user], "status=default");
      expect(fold.length).toBeGreaterThan(5);
      if (user === "admin") {
        const mixed = fold.find((f) => f.key.endsWith("/generic/mixed-status"));
        expect(mixed?.count).toBe(2);
        expect(fold.some((f) => f.key.endsWith("/never-default"))).toBe(false);
      }
      for (const [sort, field, dir] of orders) {
        const got = await allFoldedPages(readers[user], "status=default", sort, 7);
        expect(got, `${user} ${sort}`).toEqual(wantFold(sortedFold(fold, field, dir)));
      }
    });
});
