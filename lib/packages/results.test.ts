import { describe, expect, it } from "vitest";
import { auditResult, statusForCode, summarizeResults, type DeleteResult } from "./results";

const r = (id: number, status: DeleteResult["status"]): DeleteResult => ({
  id,
  ok: status === "deleted",
  status,
  message: status,
});

describe("summarizeResults", () => {
  it("counts each outcome and keeps the per-id list in order", () => {
    const results = [
      r(1, "deleted"),
      r(2, "refused"),
      r(3, "deleted"),
      r(4, "failed"),
      r(5, "not_found"),
    ];
    expect(summarizeResults(results)).toEqual({
      results,
      deleted: 2,
      refused: 1,
      failed: 1,
      not_found: 1,
    });
  });
  it("handles an empty list", () => {
    expect(summarizeResults([])).toMatchObject({ deleted: 0, refused: 0, failed: 0, not_found: 0 });
  });
});

describe("status mapping", () => {
  it.each([
    ["forbidden", "refused"],
    ["not_found", "not_found"],
    ["rate_limited", "failed"],
    ["gitlab_unavailable", "failed"],
    ["internal", "failed"],
  ] as const)("%s → %s", (code, status) => expect(statusForCode(code)).toBe(status));

  it("maps outcomes onto the audit log's three results", () => {
    expect(auditResult("deleted")).toBe("success");
    expect(auditResult("refused")).toBe("refused");
    expect(auditResult("not_found")).toBe("failed");
    expect(auditResult("failed")).toBe("failed");
  });
});
