import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("csvCell", () => {
  it.each([
    [null, ""],
    [undefined, ""],
    [42, "42"],
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    [" padded ", '" padded "'],
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+1", "'+1"],
    ["-1 day", "'-1 day"],
    ["@cmd", "'@cmd"],
    ["=a,b", `"'=a,b"`],
    [new Date("2025-01-02T03:04:05.000Z"), "2025-01-02T03:04:05.000Z"],
  ])("%j → %s", (value, expected) => expect(csvCell(value)).toBe(expected));

  it("leaves negative numbers alone (only strings can be formulas)", () => {
    expect(csvCell(-5)).toBe("-5");
  });
});

describe("toCsv", () => {
  it("writes a header row and CRLF line ends", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          [1, "x,y"],
          [null, "z"],
        ],
      ),
    ).toBe('a,b\r\n1,"x,y"\r\n,z\r\n');
  });
});
