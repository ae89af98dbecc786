import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getSql } from "@/db";

// The catalog reads its folds and counts with index-only scans, which read the heap as well for
// every page changed since the last vacuum; migration 0016 has autovacuum visit the two big
// catalog tables after 1 % of their rows changed (PostgreSQL's default: 20 %).

afterAll(async () => {
  await closeDb();
});

describe("the catalog tables' autovacuum", () => {
  it("visits packages and package_series after 1 % of their rows changed or were inserted", async () => {
    const rows = await getSql()<{ relname: string; reloptions: string[] | null }[]>`
      select relname, reloptions from pg_class
      where relname in ('packages', 'package_series') and relkind = 'r' order by relname`;
    expect(rows.map((r) => r.relname)).toEqual(["package_series", "packages"]);
    for (const r of rows)
      expect(r.reloptions ?? []).toEqual(
        expect.arrayContaining([
          "autovacuum_vacuum_scale_factor=0.01",
          "autovacuum_vacuum_insert_scale_factor=0.01",
          "autovacuum_analyze_scale_factor=0.02",
        ]),
      );
  });
});
