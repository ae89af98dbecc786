import { describe, expect, it } from "vitest";
import { formatBytes, formatDate, formatDateTime } from "./format";

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

describe("dates", () => {
  it("render in one UTC style", () => {
    expect(formatDate("2026-11-09T23:30:00Z")).toBe("9 Nov 2026");
    expect(formatDateTime("2026-11-09T23:30:00Z")).toBe("9 Nov 2026, 23:30 UTC");
    expect(formatDate(null)).toBe("never");
  });
});
