// Display helpers shared by the catalog's server and client components.

export { formatBytes, formatDate, formatDateTime } from "@/lib/format";

export function truncateHash(hash: string | null): string {
  return hash ? `${hash.slice(0, 10)}…` : "—";
}

export { STALE_AFTER_DAYS as STALE_DAYS } from "@/lib/catalog/rules";
