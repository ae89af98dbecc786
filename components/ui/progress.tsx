import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export type ProgressProps = Omit<ComponentProps<"div">, "children"> & {
  /** Current value; null or undefined = indeterminate (work started, size unknown). */
  value?: number | null;
  max?: number;
  /** Accessible name, e.g. "Retention run". */
  label: string;
  /** Spoken/visible text for the value, e.g. "120 of 400 packages". */
  valueText?: string;
};

export function Progress({
  value,
  max = 100,
  label,
  valueText,
  className,
  ...props
}: ProgressProps) {
  const known = typeof value === "number" && Number.isFinite(value);
  const clamped = known ? Math.min(Math.max(value, 0), max) : 0;
  const percent = max > 0 ? (clamped / max) * 100 : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={known ? clamped : undefined}
      aria-valuetext={valueText}
      data-state={known ? (clamped >= max ? "complete" : "loading") : "indeterminate"}
      className={cn("relative h-2 w-full overflow-hidden rounded-full bg-muted", className)}
      {...props}
    >
      <div
        className={cn(
          "h-full rounded-full bg-primary transition-[width] duration-300",
          !known && "w-1/3 animate-pulse",
        )}
        style={known ? { width: `${percent}%` } : undefined}
      />
    </div>
  );
}
