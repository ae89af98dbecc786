import type postgres from "postgres";

// The package row as the read side returns it (from packages p, projects j, readable r).

export type PipelineInfo = {
  id: number;
  ref?: string | null;
  sha?: string | null;
  web_url?: string | null;
  user?: { username: string; name: string } | null;
};

export type PackageRow = {
  id: number;
  name: string;
  version: string | null;
  packageType: string;
  status: string;
  projectId: number;
  projectPath: string;
  projectWebUrl: string;
  createdAt: Date;
  lastDownloadedAt: Date | null;
  sizeBytes: number | null;
  fileCount: number | null;
  webPath: string | null;
  versionRank: number;
  isPrerelease: boolean;
  pipeline: PipelineInfo | null;
  /** The reader's effective role on the project (null = not a member). */
  accessLevel: number | null;
};

export type RawPackage = {
  id: string;
  name: string;
  version: string | null;
  package_type: string;
  status: string;
  project_id: string;
  project_path: string;
  project_web_url: string;
  created_at: Date;
  last_downloaded_at: Date | null;
  size_bytes: string | null;
  file_count: number | null;
  web_path: string | null;
  version_rank: number;
  is_prerelease: number;
  pipeline: PipelineInfo | string | null;
  access_level: number | null;
};

export const packageColumns = (sql: postgres.Sql) => sql`
  p.id, p.name, p.version, p.package_type, p.status, p.project_id, j.path_with_namespace as project_path,
  j.web_url as project_web_url, p.created_at, p.last_downloaded_at, p.size_bytes, p.file_count, p.web_path,
  p.version_rank, p.is_prerelease, p.pipeline, r.access_level`;

/** drizzle sets postgres.js to hand timestamps back as strings; the read side wants Dates. */
export const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));
export const toDateOrNull = (v: Date | string | null) => (v === null ? null : toDate(v));

/**
 * A row of the catalog's page queries: no project columns (project-refs.ts adds them), and no
 * pipeline: only a package's own page shows it, and parsing it cost ~0.07 ms a search.
 */
export type PageRaw = Omit<
  RawPackage,
  "project_path" | "project_web_url" | "access_level" | "pipeline"
>;

/** A package row as lists show it (catalog, stale versions): without its pipeline. */
export type ListedRow = Omit<PackageRow, "pipeline">;

/** A package in the folded view: its latest version's row and the package's aggregates. */
export type FoldedInfo = {
  versionCount: number;
  totalSize: number | null;
  newestAt: Date;
  lastDownloadedAt: Date | null;
  /**
   * How many of its versions match the search's version and the status (the filters the
   * packages view applies as "holds a matching version"); null when neither is set.
   */
  matchingCount: number | null;
};
export type ListedPackage = ListedRow & { folded?: FoldedInfo };

/** A project's path and web URL, as a row shows them. */
export type ProjectRef = { path: string; webUrl: string };

/** A row with the project columns, the reader's access level and the pipeline (packageColumns). */
export function toPackageRow(r: RawPackage): PackageRow {
  const row = toRow(r, { path: r.project_path, webUrl: r.project_web_url }, r.access_level);
  return Object.assign(row, {
    pipeline:
      typeof r.pipeline === "string" ? (JSON.parse(r.pipeline) as PipelineInfo) : r.pipeline,
  });
}

/** Built field by field: spreading the raw row first cost a fifth of a search's row handling. */
export function toRow(r: PageRaw, project: ProjectRef, accessLevel: number | null): ListedRow {
  return {
    id: Number(r.id),
    name: r.name,
    version: r.version,
    packageType: r.package_type,
    status: r.status,
    projectId: Number(r.project_id),
    projectPath: project.path,
    projectWebUrl: project.webUrl,
    createdAt: toDate(r.created_at),
    lastDownloadedAt: toDateOrNull(r.last_downloaded_at),
    sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
    fileCount: r.file_count,
    webPath: r.web_path,
    versionRank: r.version_rank,
    isPrerelease: r.is_prerelease === 1,
    accessLevel,
  };
}
