"use client";

import { AlertTriangle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function PortalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <EmptyState
      icon={AlertTriangle}
      title="This page could not be loaded"
      description={
        error.digest
          ? `Something went wrong on our side (reference ${error.digest}). Try again; if it keeps happening, tell the portal's maintainers.`
          : error.message || "Something went wrong."
      }
      action={<Button onClick={reset}>Try again</Button>}
    />
  );
}
