import type { PolicyDocument } from "@/lib/validations/retention";

// What the planner reads (catalog rows) and what it answers (DESIGN.md "Retention": preview
// and run results share this shape).

// The mirror rows live with their query (db/ holds no domain imports).
export type { CandidateFile, CatalogVersion } from "@/db/queries/retention-candidates";

/** The rule part of a policy: the planner needs nothing else. */
export type PlannerPolicy = Pick<
  PolicyDocument,
  | "scope"
  | "package_types"
  | "name_pattern"
  | "version_pattern"
  | "prerelease_only"
  | "keep_latest"
  | "older_than_days"
  | "not_downloaded_days"
  | "keep_duplicate_files"
  | "protect_pattern"
  | "keep_newest"
>;

export type PlanItem = {
  package_id: number;
  project_id: number;
  package_type: string;
  name: string;
  version: string | null;
  reason: string;
  size_bytes: number;
};

export type PlanFileItem = {
  package_id: number;
  project_id: number;
  package_type: string;
  name: string;
  version: string | null;
  file_id: number;
  file_name: string;
  reason: string;
  size_bytes: number;
};

export type RetentionPlan = {
  delete: PlanItem[];
  keep: PlanItem[];
  /** Files deleted inside kept versions (keep_duplicate_files). */
  delete_files: PlanFileItem[];
  /** Bytes freed by every deletion above (unknown sizes count 0). */
  bytes: number;
};
