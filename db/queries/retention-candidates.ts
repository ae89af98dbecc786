import { getSql } from "@/db";
import type { ScopeRef } from "./retention-policies";

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

// The planner's input, one package (project, type, name) at a time: every mirrored version of
// it inside a scope that the policy could touch. What SQL can decide exactly is decided here
// (scope, types, statuses the planner skips, and LIKE prefilters that are supersets of the
// policy's globs); the planner applies the globs and rules exactly on what comes back.
// A package's versions arrive as one JSON array (parsed natively, not value by value), and
// packages stream one by one as PostgreSQL sends them, so a 100 000-version scope is never held
// as rows at once.

export type CandidateQuery = {
  scope: ScopeRef;
  /** Empty = every type. */
  packageTypes: readonly string[];
  /** Statuses the planner never touches (and never counts): left out. */
  skipStatuses: readonly string[];
  /** LIKE pattern (backslash escapes) every name the policy can match also matches. */
  nameLike: string | null;
  /** Same for versions; a null version never matches it. */
  versionLike: string | null;
  /**
   * With versionLike: still return each package's highest version (and the whole package
   * when it is not ranked yet), for a planner that protects the newest version.
   */
  keepHighest: boolean;
  /** Attach each version's mirrored files (keep_duplicate_files). */
  withFiles: boolean;
};

type SeriesRow = { project_id: string; package_type: string; name: string; v: VersionTuple[] };

/** id, version, status, created (ms), last downloaded (ms), size, rank[, files]. */
type VersionTuple = [
  number,
  string | null,
  string,
  number,
  number | null,
  number | null,
  number,
  FileTuple[]?,
];
/** id, file name, size, created (ms). */
type FileTuple = [number, string, number, number];

/**
 * A timestamp as whole milliseconds since the epoch, in float8 arithmetic: `extract` returns
 * numeric, whose arithmetic was half of this query's time (a 100 000-version group: 345–490
 * → 195–207 ms). The float is within a quarter microsecond of the exact value for any date of
 * this century; the stored values have whole microseconds, so the half-microsecond nudge
 * before the floor gives exactly the numeric floor. Checked on 4 000 000 random timestamps,
 * millisecond and microsecond ones, when this was written (the plain floor got thousands of
 * the millisecond ones wrong); `lib/retention/candidates.int.test.ts` checks every day of the
 * century at ten times of day around millisecond boundaries.
 */
export const epochMs = (col: string) => `floor(date_part('epoch', ${col}) * 1000 + 0.0005)::int8`;

/**
 * Calls onSeries once per package with all its candidate versions (any order), as they arrive.
 * Resolves when every package has been handed over; rejects with onSeries' first error.
 */
export async function forEachRetentionSeries(
  query: CandidateQuery,
  onSeries: (rows: CatalogVersion[]) => void,
): Promise<void> {
  const q = getSql();
  const projectScope =
    query.scope.type === "project"
      ? q`j.id = ${query.scope.id}`
      : q`j.group_path_ids @> array[${query.scope.id}]::bigint[]`;
  const paths = new Map<number, number[]>();
  for (const r of await q<{ id: string; group_path_ids: string[] }[]>`
    select j.id, j.group_path_ids from projects j where ${projectScope}`)
    paths.set(Number(r.id), r.group_path_ids.map(Number));
  if (!paths.size) return;

  const where = q`
    p.project_id = any(${[...paths.keys()]}::bigint[])
    ${query.packageTypes.length ? q`and p.package_type = any(${query.packageTypes})` : q``}
    ${query.skipStatuses.length ? q`and p.status <> all(${query.skipStatuses})` : q``}
    ${query.nameLike === null ? q`` : q`and p.name like ${query.nameLike}`}`;
  const files = query.withFiles
    ? q`, (select coalesce(json_agg(json_build_array(f.id, f.file_name, f.size,
          ${q.unsafe(epochMs("f.created_at"))})), '[]') from package_files f where f.package_id = p.id)`
    : q``;
  const versions = query.versionLike === null ? null : query.versionLike;
  // The rows of the scope, narrowed by the version prefilter: with keepHighest a package's top
  // version (by rank) and every version of a package with unranked rows stay as well.
  const source =
    versions === null
      ? q`select p.* from packages p where ${where}`
      : query.keepHighest
        ? q`select * from (
              select p.*, min(p.version_rank) over w as lo, max(p.version_rank) over w as hi
              from packages p where ${where}
              window w as (partition by p.project_id, p.package_type, p.name)) s
            where s.version like ${versions} or s.lo <= 0 or s.version_rank = s.hi`
        : q`select p.* from packages p where ${where} and p.version like ${versions}`;
  // Streamed, not fetched in batches: PostgreSQL builds the next packages while the planner
  // takes this one (a cursor made each wait for the other: ten policies over 100 000
  // versions, 1.7–2.1 → 1.2–1.6 s). A callback's error must not reach postgres.js, which
  // would drop the connection: the rest of the rows are skipped, and the error thrown after.
  let failed: { error: unknown } | null = null;
  await q<SeriesRow[]>`
    select p.project_id, p.package_type, p.name,
      json_agg(json_build_array(p.id, p.version, p.status,
        ${q.unsafe(epochMs("p.created_at"))}, ${q.unsafe(epochMs("p.last_downloaded_at"))},
        p.size_bytes, p.version_rank ${files})) as v
    from (${source}) p
    group by p.project_id, p.package_type, p.name`.forEach((s) => {
    if (failed) return;
    const projectId = Number(s.project_id);
    const groupPathIds = paths.get(projectId) ?? [];
    try {
      onSeries(
        s.v.map(([id, version, status, created, downloaded, size, rank, fileList]) => ({
          packageId: id,
          projectId,
          groupPathIds,
          name: s.name,
          version,
          packageType: s.package_type,
          status,
          createdAt: new Date(created),
          lastDownloadedAt: downloaded === null ? null : new Date(downloaded),
          sizeBytes: size,
          versionRank: rank,
          ...(fileList && {
            files: fileList.map(([fid, fileName, fsize, fcreated]) => ({
              id: fid,
              fileName,
              size: fsize,
              createdAt: new Date(fcreated),
            })),
          }),
        })),
      );
    } catch (error) {
      failed = { error };
    }
  });
  if (failed) throw (failed as { error: unknown }).error;
}
