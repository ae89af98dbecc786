import type { ErrorCode } from "@/lib/errors";

// What one delete attempt came to. Bulk answers carry one of these per id; single deletes turn
// a non-ok result back into an AppError so the route answers with the right status.

export type DeleteStatus = "deleted" | "refused" | "failed" | "not_found";

export type DeleteResult = {
  id: number;
  ok: boolean;
  status: DeleteStatus;
  message: string;
  /** The AppError code behind a non-ok result (kept so a single delete maps to its status). */
  code?: ErrorCode;
};

export type DeleteSummary = {
  results: DeleteResult[];
  deleted: number;
  refused: number;
  failed: number;
  not_found: number;
};

export function summarizeResults(results: DeleteResult[]): DeleteSummary {
  const count = (s: DeleteStatus) => results.filter((r) => r.status === s).length;
  return {
    results,
    deleted: count("deleted"),
    refused: count("refused"),
    failed: count("failed"),
    not_found: count("not_found"),
  };
}

/** How a failed attempt's AppError code reads as a per-item status. */
export function statusForCode(code: ErrorCode): Exclude<DeleteStatus, "deleted"> {
  if (code === "forbidden") return "refused";
  if (code === "not_found") return "not_found";
  return "failed";
}

/** The audit log's result column for a per-item status. */
export function auditResult(status: DeleteStatus): "success" | "refused" | "failed" {
  if (status === "deleted") return "success";
  if (status === "refused") return "refused";
  return "failed";
}
