import { describe, expect, it } from "vitest";
import { splitSearch } from "@/db/queries/catalog-search";
import { rankSeries } from "@/lib/sync/ranks";

describe("splitSearch", () => {
  it.each([
    ["ui-kit", { term: "ui-kit" }],
    ["  @platon/ui-kit  ", { term: "@platon/ui-kit" }],
    ["ui-kit 1.2", { term: "ui-kit", version: "1.2" }],
    ["ui-kit v2.0.0-rc.1", { term: "ui-kit", version: "2.0.0-rc.1" }],
    ["2.1.0", { term: "2.1.0", version: "2.1.0", versionOnly: true }],
    ["", {}],
  ])("%j", (q, expected) => expect(splitSearch(q)).toEqual(expected));
});

describe("rankSeries (the folded view's latest version)", () => {
  const at = (d: number) => new Date(2024, 0, d);
  const row = (id: number, version: string, day: number) => ({
    id,
    version,
    createdAt: at(day),
    rank: 0,
    pre: 0,
  });

  it("ranks by the ecosystem's order, not publish time, 1 = lowest", () => {
    const ranks = rankSeries("npm", [
      row(1, "1.10.0", 1),
      row(2, "1.9.0", 5),
      row(3, "2.0.0-beta.1", 9),
    ]);
    const byId = Object.fromEntries(ranks.map((r) => [r.id, r]));
    expect(byId[3]).toMatchObject({ rank: 3, pre: 1 });
    expect(byId[1]).toMatchObject({ rank: 2, pre: 0 });
    expect(byId[2]).toMatchObject({ rank: 1, pre: 0 });
  });

  it("uses Maven ordering for Maven (SNAPSHOT below release)", () => {
    const ranks = rankSeries("maven", [row(1, "1.0", 1), row(2, "1.0-SNAPSHOT", 2)]);
    expect(ranks.find((r) => r.id === 1)!.rank).toBeGreaterThan(
      ranks.find((r) => r.id === 2)!.rank,
    );
  });

  it("gives equal versions distinct ranks, newest higher", () => {
    const ranks = rankSeries("generic", [row(1, "1.0", 1), row(2, "1.0", 3)]);
    expect(ranks.find((r) => r.id === 2)!.rank).toBe(2);
  });
});
