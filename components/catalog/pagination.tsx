import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";
import { formatCount } from "@/lib/format";

/**
 * Previous / next. `exact` false: total is only a lower bound (a broad search stops counting),
 * so the page count is unknown — "Page N", and next stays open while pages come back full.
 */
export function Pagination({
  page,
  total,
  perPage,
  onPage,
  exact = true,
  pageFull = false,
}: {
  page: number;
  total: number;
  perPage: number;
  onPage: (p: number) => void;
  exact?: boolean;
  pageFull?: boolean;
}) {
  const pages = exact ? Math.max(1, Math.ceil(total / perPage)) : Infinity;
  const last = exact ? page >= pages : !pageFull;
  if (exact && pages <= 1) return null;
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-2 text-sm">
      <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        <ChevronLeft aria-hidden /> Previous
      </Button>
      <span className="text-muted-foreground">
        {exact ? `Page ${page} of ${formatCount(pages)}` : `Page ${formatCount(page)}`}
      </span>
      <Button variant="outline" size="sm" disabled={last} onClick={() => onPage(page + 1)}>
        Next <ChevronRight aria-hidden />
      </Button>
    </nav>
  );
}
