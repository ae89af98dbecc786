import { SearchX } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <EmptyState
      icon={SearchX}
      title="Not found"
      description="It does not exist, or you do not have access to it in GitLab."
      action={
        <Button asChild variant="outline">
          <Link href="/packages">Back to the catalog</Link>
        </Button>
      }
    />
  );
}
