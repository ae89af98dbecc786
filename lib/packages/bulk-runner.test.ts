import { describe, expect, it } from "vitest";
import { chunk, runBulkInChunks } from "./bulk-runner";

describe("chunk", () => {
  it("splits into pieces of at most n, keeping order", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 10)).toEqual([]);
    expect(
      chunk(
        Array.from({ length: 30 }, (_, i) => i),
        10,
      ).map((c) => c.length),
    ).toEqual([10, 10, 10]);
  });
});

describe("runBulkInChunks", () => {
  it("reports progress after every chunk and marks a failed chunk's ids failed", async () => {
    const seen: number[] = [];
    const results = await runBulkInChunks(
      [1, 2, 3, 4, 5],
      async (ids) => {
        if (ids.includes(3)) throw new Error("Network down");
        return {
          results: ids.map((id) => ({ id, ok: true, status: "deleted" as const, message: "" })),
        };
      },
      (done) => seen.push(done.length),
      2,
    );
    expect(seen).toEqual([2, 4, 5]);
    expect(results.map((r) => [r.id, r.status])).toEqual([
      [1, "deleted"],
      [2, "deleted"],
      [3, "failed"],
      [4, "failed"],
      [5, "deleted"],
    ]);
    expect(results[2].message).toBe("Network down");
  });
});
