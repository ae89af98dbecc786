import { describe, expect, it } from "vitest";
import { bulkIdsSchema, packageFileParams } from "./packages";

describe("bulkIdsSchema", () => {
  it("deduplicates, keeping first-seen order", () => {
    expect(bulkIdsSchema.parse([3, 1, 3, 2, 1])).toEqual([3, 1, 2]);
  });
  it("accepts numeric strings (ids from a form) and up to 500 ids", () => {
    expect(bulkIdsSchema.parse(["7", 8])).toEqual([7, 8]);
    expect(bulkIdsSchema.parse(Array.from({ length: 500 }, (_, i) => i + 1))).toHaveLength(500);
  });
  it("rejects 501 distinct ids", () => {
    expect(bulkIdsSchema.safeParse(Array.from({ length: 501 }, (_, i) => i + 1)).success).toBe(
      false,
    );
  });
  it.each([[[]], [[0]], [[-1]], [[1.5]], [["abc"]], [[null]], ["1,2"]])("rejects %j", (ids) => {
    expect(bulkIdsSchema.safeParse(ids).success).toBe(false);
  });
});

describe("packageFileParams", () => {
  it("parses path segments", () => {
    expect(packageFileParams.parse({ id: "12", fileId: "34" })).toEqual({ id: 12, fileId: 34 });
    expect(packageFileParams.safeParse({ id: "12", fileId: "x" }).success).toBe(false);
  });
});
