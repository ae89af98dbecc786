import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export const badgeVariants = cva(
  "inline-flex w-fit shrink-0 items-center gap-1 whitespace-nowrap rounded-md border px-2 py-0.5 text-xs font-medium [&_svg]:size-3",
  {
    variants: {
      variant: {
        default: "border-transparent bg-primary text-primary-foreground",
        secondary: "border-transparent bg-secondary text-secondary-foreground",
        outline: "border-border text-foreground",
        // Status tints: darker text than the token in light mode keeps 4.5:1 on the tint.
        destructive: "border-transparent bg-destructive/10 text-red-700 dark:text-destructive",
        success: "border-transparent bg-success/10 text-green-800 dark:text-success",
        warning: "border-transparent bg-warning/10 text-amber-800 dark:text-warning",
        // One per package type: tinted background, dark text in light mode, light text in dark mode.
        npm: "border-red-200 bg-red-50 text-red-800 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-300",
        pypi: "border-blue-200 bg-blue-50 text-blue-800 dark:border-blue-400/30 dark:bg-blue-400/10 dark:text-blue-300",
        maven:
          "border-orange-200 bg-orange-50 text-orange-800 dark:border-orange-400/30 dark:bg-orange-400/10 dark:text-orange-300",
        nuget:
          "border-violet-200 bg-violet-50 text-violet-800 dark:border-violet-400/30 dark:bg-violet-400/10 dark:text-violet-300",
        generic:
          "border-slate-200 bg-slate-50 text-slate-700 dark:border-slate-400/30 dark:bg-slate-400/10 dark:text-slate-300",
      },
    },
    defaultVariants: { variant: "secondary" },
  },
);

export type BadgeProps = ComponentProps<"span"> & VariantProps<typeof badgeVariants>;

export function Badge({ className, variant, ...props }: BadgeProps) {
  return (
    <span data-slot="badge" className={cn(badgeVariants({ variant }), className)} {...props} />
  );
}

const TYPE_LABELS: Record<string, string> = {
  npm: "npm",
  pypi: "PyPI",
  maven: "Maven",
  nuget: "NuGet",
  generic: "Generic",
};

/** The package type as a coloured badge; unknown types (conan, helm, …) use the generic colour. */
export function PackageTypeBadge({ type, className }: { type: string; className?: string }) {
  const variant = (type in TYPE_LABELS ? type : "generic") as
    "npm" | "pypi" | "maven" | "nuget" | "generic";
  return (
    <Badge variant={variant} className={className}>
      {TYPE_LABELS[type] ?? type}
    </Badge>
  );
}
