import { Skeleton } from "@/components/ui/skeleton";

/** The policies list while it loads (the portal-wide, group and project policies pages). */
export function PoliciesSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading retention policies">
      <Skeleton className="mb-2 h-8 w-56" />
      <Skeleton className="mb-8 h-4 w-[30rem] max-w-full" />
      <Skeleton className="mb-3 h-4 w-40" />
      <div className="grid gap-3 md:grid-cols-2">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-24 w-full" />
        ))}
      </div>
    </div>
  );
}
