import { describe, expect, it } from "vitest";
import { formatBytes, formatCount, formatDate, formatDateTime } from "./format";

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [512, "512 B"],
    [1536, "1.5 KiB"],
    [5 * 1024 * 1024, "5.0 MiB"],
    [300 * 1024 * 1024, "300 MiB"],
    [null, "size unknown"],
  ])("%s → %s", (n, s) => expect(formatBytes(n)).toBe(s));

  it("lets tables choose their own placeholder", () => expect(formatBytes(null, "—")).toBe("—"));
});

describe("formatCount", () => {
  it("groups thousands with commas, whatever the machine's locale", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(999)).toBe("999");
  });
});

describe("dates", () => {
  it("render in one UTC style", () => {
    expect(formatDate("2026-11-09T23:30:00Z")).toBe("9 Nov 2026");
    expect(formatDateTime("2026-11-09T23:30:00Z")).toBe("9 Nov 2026, 23:30 UTC");
    expect(formatDate(null)).toBe("never");
    expect(formatDate(new Date(Date.UTC(2027, 0, 1, 0, 0)))).toBe("1 Jan 2027");
  });

  it("say so of a date that is not one, rather than throw", () => {
    expect(formatDate("not a date")).toBe("Invalid Date");
  });
});
