import { beforeAll, describe, expect, it } from "vitest";
import type { CatalogTuning } from "@/db/queries/catalog";
import { toReader } from "@/lib/access/reader";
import { authenticateToken } from "@/lib/auth/api-token";
import { publishPackages, resetCatalog, resetSandbox } from "@/lib/testing/catalog-kit";
import { expectedFold, list, sortedFold, type Reader } from "@/lib/testing/fold-kit";
import { runSync } from "@/lib/sync/sync";

// Relevance in the packages view ranks a package by its name's score, newest first within a
// score: which of its versions matched a version term never moves it. (The versions view
// still lifts a version equal to the term above the term's other versions.)

const TUNINGS: Record<string, CatalogTuning | undefined> = {
  "counted matches": undefined,
  "broad readers": { countCap: 1, broadNames: 1 },
};

describe("relevance in the packages view", () => {
  let admin: Reader;

  beforeAll(async () => {
    await resetSandbox();
    await resetCatalog();
    // The exact version first, a newer package holding only a pre-release of it after.
    for (const [name, version] of [
      ["relevance-alpha", "7.7.7"],
      ["relevance-alphas", "7.7.7-rc.1"],
    ])
      await publishPackages({ project_id: 10, count: 1, package_type: "generic", name, version });
    const s = await runSync({ kind: "full", trigger: "test" });
    expect(s.status).toBe("succeeded");
    admin = toReader((await authenticateToken({ token: "glpat-sandbox-admin", kind: "pat" })).user);
  });

  for (const [way, tuning] of Object.entries(TUNINGS))
    it(`${way}: a version term places packages newest first, not by an exact version`, async () => {
      const versions = await list(admin, "view=versions&q=7.7.7&sort=relevance", tuning);
      expect(versions.items.map((i) => i.version)).toEqual(["7.7.7", "7.7.7-rc.1"]);

      const packages = await list(admin, "view=packages&q=7.7.7&sort=relevance", tuning);
      expect(packages.items.map((i) => i.name)).toEqual(["relevance-alphas", "relevance-alpha"]);
      const newestFirst = sortedFold(await expectedFold(admin, "q=7.7.7"), "newest", -1);
      expect(packages.items.map((i) => i.id)).toEqual(newestFirst.map((f) => f.latest.id));
    });
});
