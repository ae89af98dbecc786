import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

/** A placeholder block; the surrounding region should carry aria-busy. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      aria-hidden
      data-slot="skeleton"
      className={cn("animate-pulse rounded-md bg-muted", className)}
      {...props}
    />
  );
}
