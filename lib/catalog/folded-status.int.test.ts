import { beforeAll, describe, expect, it } from "vitest";
import { toReader } from "@/lib/access/reader";
import { authenticateToken } from "@/lib/auth/api-token";
import { publishPackages, resetCatalog, resetSandbox } from "@/lib/testing/catalog-kit";
import {
  allFoldedPages,
  expectedFold,
  list,
  sortedFold,
  wantFold,
  type Reader,
} from "@/lib/testing/fold-kit";
import { runSync } from "@/lib/sync/sync";

// The packages view filtered by status keeps the packages holding a version of that status,
// each as itself (all its versions, its own latest, size and dates) with how many of its
// versions match; "default", which nearly every package holds, is read by walking the order's
// index, a rare status through the versions that hold it. Checked against the packages computed
// here from the versions view's rows.

describe("packages view under a status filter, every order", () => {
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
    it(`${user}: every page equals the packages holding a version of the status`, async () => {
      for (const status of ["default", "error"]) {
        const fold = await expectedFold(readers[user], `status=${status}`);
        if (status === "default") expect(fold.length).toBeGreaterThan(5);
        for (const [sort, field, dir] of orders) {
          const got = await allFoldedPages(readers[user], `status=${status}`, sort, 7);
          expect(got, `${user} ${status} ${sort}`).toEqual(wantFold(sortedFold(fold, field, dir)));
        }
      }
      if (user === "admin") {
        // The whole package, with its matching versions counted; a package holding none is left.
        const fold = await expectedFold(readers[user], "status=default");
        const mixed = fold.find((f) => f.key.endsWith("/generic/mixed-status"));
        expect([mixed?.count, mixed?.matching]).toEqual([4, 2]);
        expect(fold.some((f) => f.key.endsWith("/never-default"))).toBe(false);
        const page = await list(readers.admin, "view=packages&status=error&q=mixed-status");
        expect(page.items.map((i) => [i.name, i.version, i.folded?.matchingCount])).toEqual([
          ["mixed-status", "2.0.0", 1],
        ]);
      }
    });
});
