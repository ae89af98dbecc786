import { describe, expect, it } from "vitest";
import { wantsFresh } from "./fresh";

// What a client sends to have the catalog page read from the database, not the page cache.
const h = (init: Record<string, string>) => new Headers(init);

describe("wantsFresh", () => {
  it("is true for a hard reload (no-cache), a reload (max-age=0), no-store and HTTP/1.0's Pragma", () => {
    expect(wantsFresh(h({ "cache-control": "no-cache" }))).toBe(true);
    expect(wantsFresh(h({ "cache-control": "max-age=0" }))).toBe(true);
    expect(wantsFresh(h({ "cache-control": "private, No-Store" }))).toBe(true);
    expect(wantsFresh(h({ pragma: "no-cache" }))).toBe(true);
  });

  it("is false for an ordinary request and for directives that still accept a cached answer", () => {
    expect(wantsFresh(h({}))).toBe(false);
    expect(wantsFresh(h({ "cache-control": "max-age=60" }))).toBe(false);
    expect(wantsFresh(h({ "cache-control": "max-age=0x" }))).toBe(false);
    expect(wantsFresh(h({ "cache-control": "no-transform" }))).toBe(false);
  });
});
