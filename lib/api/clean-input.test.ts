import { describe, expect, it } from "vitest";
import { assertCleanQuery, decodeStrict } from "./clean-input";

describe("decodeStrict", () => {
  it("returns plain parameters as they are, and reads + as a space in a query", () => {
    expect(decodeStrict("platon-svc68-lib18")).toBe("platon-svc68-lib18");
    expect(decodeStrict("a+b", true)).toBe("a b");
    expect(decodeStrict("a+b")).toBe("a+b");
  });

  it("decodes escapes as UTF-8, and keeps a % that starts none", () => {
    expect(decodeStrict("%40platon%2Fui-kit")).toBe("@platon/ui-kit");
    expect(decodeStrict("%e2%82%ac")).toBe("€");
    expect(decodeStrict("100%zz")).toBe("100%zz");
    expect(decodeStrict("é")).toBe("é");
  });

  it("refuses bytes that are not UTF-8, and lets the caller see a NUL", () => {
    expect(decodeStrict("%ff")).toBeNull();
    expect(decodeStrict("%c0%80")).toBeNull();
    expect(decodeStrict("a%00b")).toBe("a\0b");
    expect(decodeStrict("a\0b")).toBe("a\0b");
  });
});

describe("assertCleanQuery", () => {
  it("accepts clean parameters and names the one that is not", () => {
    expect(() => assertCleanQuery("?q=lib&view=packages&sort=-size")).not.toThrow();
    expect(() => assertCleanQuery("?q=lib&type=%00")).toThrow(/parameter "type"/);
    expect(() => assertCleanQuery("?q=%ff")).toThrow(/parameter "q"/);
  });
});
