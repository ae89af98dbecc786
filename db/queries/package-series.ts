import type postgres from "postgres";
import { getSql } from "@/db";
import { writeCatalog } from "../catalog-changes";

// package_series is the folded view: one row per (project, type, name) aggregated from
// packages. One aggregation, used for the whole table (after a sync) and for one series
// (inside a portal delete's transaction), so the two can never disagree.

export type SeriesKey = { projectId: number; packageType: string; name: string };

// Fragments, embedded in the statements below (a transaction's too).
const aggregate = () => getSql()`
  (array_agg(id order by version_rank desc, created_at desc, id desc))[1] as latest_id,
  count(*)::int as version_count,
  case when bool_and(size_bytes is not null) then sum(size_bytes) end as total_size,
  bool_and(size_bytes is not null) as size_known,
  max(created_at) as newest_at, max(last_downloaded_at) as last_downloaded_at`;

const upsertSet = () => getSql()`
  latest_id = excluded.latest_id, version_count = excluded.version_count,
  total_size = excluded.total_size, size_known = excluded.size_known,
  newest_at = excluded.newest_at, last_downloaded_at = excluded.last_downloaded_at`;

/**
 * Rebuilds package_series from packages in one transaction. At 100k versions this is a few
 * hundred ms, cheap enough after every sync or backfill that changed something — and being a
 * full rebuild, it can never drift from packages.
 */
export async function refreshAllSeries(): Promise<void> {
  const sql = getSql();
  await writeCatalog(() =>
    sql.begin(async (tx) => {
      await tx`
        insert into package_series as s (project_id, package_type, name, latest_id, version_count,
          total_size, size_known, newest_at, last_downloaded_at)
        select project_id, package_type, name, ${aggregate()}
        from packages group by project_id, package_type, name
        on conflict (project_id, package_type, name) do update set ${upsertSet()}
        where (s.latest_id, s.version_count, s.total_size, s.newest_at, s.last_downloaded_at)
          is distinct from (excluded.latest_id, excluded.version_count, excluded.total_size,
            excluded.newest_at, excluded.last_downloaded_at)`;
      await tx`
        delete from package_series s where not exists (select 1 from packages p
          where p.project_id = s.project_id and p.package_type = s.package_type and p.name = s.name)`;
    }),
  );
}

/**
 * Recomputes one package's folded row inside a delete's transaction (the caller writes through
 * writeCatalog), so the "Packages" view never shows a version or bytes that are gone.
 */
export async function refreshSeriesRow(tx: postgres.TransactionSql, key: SeriesKey): Promise<void> {
  await tx`
    with agg as (
      select ${aggregate()}
      from packages
      where project_id = ${key.projectId} and package_type = ${key.packageType} and name = ${key.name}
    ), upserted as (
      insert into package_series as s (project_id, package_type, name, latest_id, version_count,
        total_size, size_known, newest_at, last_downloaded_at)
      select ${key.projectId}, ${key.packageType}, ${key.name}, latest_id, version_count, total_size,
        size_known, newest_at, last_downloaded_at
      from agg where version_count > 0
      on conflict (project_id, package_type, name) do update set ${upsertSet()}
      returning 1
    )
    delete from package_series
    where project_id = ${key.projectId} and package_type = ${key.packageType} and name = ${key.name}
      and (select version_count from agg) = 0`;
}

/** Fresh planner statistics for the catalog tables (a few hundred ms at 100k versions). */
export async function analyzeCatalog(): Promise<void> {
  // VACUUM as well: it marks the rewritten pages all-visible, which index-only scans (the
  // version search's covering index) need; until then they read the heap as well.
  await getSql()`vacuum (analyze) packages, package_series, package_files, name_trigrams`;
}
