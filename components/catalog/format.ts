// Display helpers shared by the catalog's server and client components.

import { formatBytes as formatSize } from "@/lib/format";

export { formatDate, formatDateTime } from "@/lib/format";

/** Sizes in tables: a dash until the package's files have been fetched. */
export const formatBytes = (bytes: number | null | undefined) => formatSize(bytes, "—");

export function truncateHash(hash: string | null): string {
  return hash ? `${hash.slice(0, 10)}…` : "—";
}

export { STALE_AFTER_DAYS as STALE_DAYS } from "@/lib/catalog/rules";
