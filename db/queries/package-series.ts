import { sql as drizzleSql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { bumpCatalogGeneration } from "./catalog-cache";
export type SeriesKey = { projectId: number; type: string; name: string };

/**
 * Recomputes one package's folded row after a portal delete, inside the delete's
 * transaction, so the "Packages" view never shows a version or bytes that are gone.
 */
export async function refreshSeriesRow(tx: DbOrTx, key: SeriesKey): Promise<void> {
  // A delete changes the catalog: drop cached counts (a count read before the delete
  // commits may be cached again; it expires with the cache's TTL).
  bumpCatalogGeneration();
  await tx.execute(drizzleSql`
    with agg as (
      select (array_agg(id order by version_rank desc, created_at desc, id desc))[1] as latest_id,
        count(*)::int as version_count,
        case when bool_and(size_bytes is not null) then sum(size_bytes) end as total_size,
        bool_and(size_bytes is not null) as size_known,
        max(created_at) as newest_at, max(last_downloaded_at) as last_downloaded_at
      from packages
      where project_id = ${key.projectId} and package_type = ${key.type} and name = ${key.name}
    ), upserted as (
      insert into package_series as s (project_id, package_type, name, latest_id, version_count, total_size,
        size_known, newest_at, last_downloaded_at)
      select ${key.projectId}, ${key.type}, ${key.name}, latest_id, version_count, total_size, size_known,
        newest_at, last_downloaded_at
      from agg where version_count > 0
      on conflict (project_id, package_type, name) do update set latest_id = excluded.latest_id,
        version_count = excluded.version_count, total_size = excluded.total_size,
        size_known = excluded.size_known, newest_at = excluded.newest_at,
        last_downloaded_at = excluded.last_downloaded_at
      returning 1
    )
    delete from package_series
    where project_id = ${key.projectId} and package_type = ${key.type} and name = ${key.name}
      and (select version_count from agg) = 0`);
}
