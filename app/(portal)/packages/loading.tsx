import { Skeleton } from "@/components/ui/skeleton";

// Shaped like the catalog: header, search row, type chips, table rows.
export default function CatalogLoading() {
  return (
    <div aria-busy="true" aria-label="Loading catalog" className="flex flex-col gap-4">
      <Skeleton className="h-8 w-40" />
      <Skeleton className="h-4 w-72" />
      <div className="flex gap-2">
        <Skeleton className="h-9 flex-1" />
        <Skeleton className="h-9 w-24" />
      </div>
      <div className="flex flex-wrap gap-1.5">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-7 w-20 rounded-full" />
        ))}
      </div>
      <div className="rounded-lg border border-border">
        {Array.from({ length: 10 }, (_, i) => (
          <div
            key={i}
            className="flex items-center gap-3 border-b border-border px-3 py-3 last:border-0"
          >
            <Skeleton className="h-5 w-14" />
            <Skeleton className="h-4 flex-1" />
            <Skeleton className="hidden h-4 w-40 md:block" />
            <Skeleton className="h-4 w-16" />
            <Skeleton className="hidden h-4 w-20 sm:block" />
          </div>
        ))}
      </div>
    </div>
  );
}
