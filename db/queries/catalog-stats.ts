import { getSql } from "@/db";

// Instance-wide figures from project_type_stats (kept by triggers on packages): a handful of
// rows to read, whatever the catalog's size.

/** Versions mirrored, and how many of them have no size yet (files not fetched). */
export async function sizeProgress(): Promise<{ versions: number; unknown: number }> {
  const [r] = await getSql()<{ versions: string | null; unknown: string | null }[]>`
    select sum(versions) as versions, sum(unknown_size) as unknown from project_type_stats`;
  return { versions: Number(r?.versions ?? 0), unknown: Number(r?.unknown ?? 0) };
}
