import type { PolicyDocument } from "@/lib/validations/retention";

// What the planner reads (catalog rows) and what it answers (DESIGN.md "Retention": preview
// and run results share this shape).

export type CandidateFile = { id: number; fileName: string; size: number; createdAt: Date };

export type CatalogVersion = {
  packageId: number;
  projectId: number;
  /** Every ancestor group of the project, nearest last (the project's own group included). */
  groupPathIds: number[];
  name: string;
  version: string | null;
  packageType: string;
  status: string;
  createdAt: Date;
  lastDownloadedAt: Date | null;
  sizeBytes: number | null;
  /**
   * The mirror's version_rank (1 = lowest of its series, by the ecosystem's own order, computed
   * by the sync with lib/versions); 0 or absent = not ranked yet, and the planner orders itself.
   */
  versionRank?: number;
  /** Mirrored files; only read when the policy keeps duplicate files. */
  files?: CandidateFile[];
};

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
