import { getSql } from "@/db";
import { bumpCatalogGeneration } from "@/db/queries/catalog-cache";

// Rebuilds package_series (the folded view) from packages in one statement. At 100k
// versions this is a few hundred ms, cheap enough to run after every sync or backfill that
// changed something — and being a full rebuild, it can never drift from packages.

export async function refreshSeries(): Promise<void> {
  const sql = getSql();
  await sql.begin(async (tx) => {
    await tx`
      insert into package_series as s (project_id, package_type, name, latest_id, version_count, total_size,
        size_known, newest_at, last_downloaded_at)
      select project_id, package_type, name,
        (array_agg(id order by version_rank desc, created_at desc, id desc))[1],
        count(*)::int, case when bool_and(size_bytes is not null) then sum(size_bytes) end,
        bool_and(size_bytes is not null), max(created_at), max(last_downloaded_at)
      from packages group by project_id, package_type, name
      on conflict (project_id, package_type, name) do update set latest_id = excluded.latest_id,
        version_count = excluded.version_count, total_size = excluded.total_size, size_known = excluded.size_known,
        newest_at = excluded.newest_at, last_downloaded_at = excluded.last_downloaded_at
      where (s.latest_id, s.version_count, s.total_size, s.newest_at, s.last_downloaded_at)
        is distinct from (excluded.latest_id, excluded.version_count, excluded.total_size, excluded.newest_at,
          excluded.last_downloaded_at)`;
    await tx`
      delete from package_series s where not exists (select 1 from packages p
        where p.project_id = s.project_id and p.package_type = s.package_type and p.name = s.name)`;
  });
  // Cached catalog counts and name matches are stale now.
  bumpCatalogGeneration();
}

/** Fresh planner statistics for the catalog tables (a few hundred ms at 100k versions). */
export async function analyzeCatalog(): Promise<void> {
  // VACUUM as well: it marks the rewritten pages all-visible, which index-only scans (the
  // version search's covering index) need; until then they read the heap as well.
  await getSql()`vacuum (analyze) packages, package_series, package_files`;
}
