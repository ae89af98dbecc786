import { LoaderCircle } from "lucide-react";
import { cn } from "@/lib/cn";

/**
 * A spinning indicator. Without `label` it is decorative (put it next to text that says what is
 * happening); with `label` it announces itself as a status.
 */
export function Spinner({ className, label }: { className?: string; label?: string }) {
  const icon = <LoaderCircle className={cn("size-4 animate-spin", className)} aria-hidden />;
  if (!label) return icon;
  return (
    <span role="status" className="inline-flex items-center">
      {icon}
      <span className="sr-only">{label}</span>
    </span>
  );
}
