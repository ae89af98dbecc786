import { ShieldAlert } from "lucide-react";
import { whoCan } from "@/lib/permissions";

/** The quiet line shown instead of delete controls to people who may not delete here. */
export function DeletePermissionNote({ className }: { className?: string }) {
  const text = whoCan("delete_package", "project").replace(/\.$/, " in this project.");
  return (
    <p
      data-testid="delete-permission-note"
      className={`flex items-center gap-1.5 text-sm text-muted-foreground ${className ?? ""}`}
    >
      <ShieldAlert className="size-4" aria-hidden />
      {text}
    </p>
  );
}
