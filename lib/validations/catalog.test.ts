import { describe, expect, it } from "vitest";
import { catalogQuerySchema, resolveSort } from "./catalog";

const parse = (raw: Record<string, unknown>) => catalogQuerySchema.safeParse(raw);
const failingPath = (raw: Record<string, unknown>) => {
  const r = parse(raw);
  return r.success ? null : r.error.issues[0].path.join(".");
};

describe("catalog query parameters", () => {
  it("applies defaults", () => {
    const r = catalogQuerySchema.parse({});
    expect(r).toMatchObject({
      type: [],
      page: 1,
      per_page: 20,
      view: "versions",
      never_downloaded: false,
    });
  });

  it("parses comma lists and repeated type params", () => {
    expect(catalogQuerySchema.parse({ type: "npm, PyPI" }).type).toEqual(["npm", "pypi"]);
    expect(catalogQuerySchema.parse({ type: ["npm", "maven"] }).type).toEqual(["npm", "maven"]);
  });

  it.each([
    [{ type: "npm,rubygems" }, "type"],
    [{ page: "0" }, "page"],
    [{ per_page: "101" }, "per_page"],
    [{ per_page: "ten" }, "per_page"],
    [{ sort: "stars" }, "sort"],
    [{ order: "up" }, "order"],
    [{ view: "tree" }, "view"],
    [{ status: "hidden" }, "status"],
    [{ published_from: "yesterday" }, "published_from"],
    [{ never_downloaded: "yes" }, "never_downloaded"],
  ])("rejects %o naming %s", (raw, name) => {
    expect(failingPath(raw)).toBe(name);
  });

  it("treats blank values as absent", () => {
    expect(parse({ q: "", type: "", sort: "", page: "" }).success).toBe(true);
  });

  it("resolves sort direction from prefix, order and defaults", () => {
    expect(resolveSort({ q: "kit" })).toEqual({ field: "relevance", order: "desc" });
    expect(resolveSort({})).toEqual({ field: "published", order: "desc" });
    expect(resolveSort({ sort: "name" })).toEqual({ field: "name", order: "asc" });
    expect(resolveSort({ sort: "-name" })).toEqual({ field: "name", order: "desc" });
    expect(resolveSort({ sort: "size", order: "asc" })).toEqual({ field: "size", order: "asc" });
    expect(resolveSort({ sort: "relevance" })).toEqual({ field: "published", order: "desc" });
  });
});
