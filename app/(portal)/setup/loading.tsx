import { PageHeader } from "@/components/layout/page-header";
import { SetupPanelSkeleton } from "@/components/snippets/setup-panel";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export default function SetupLoading() {
  return (
    <>
      <PageHeader title="Set me up" />
      <Card>
        <CardContent className="flex flex-col gap-6 pt-5">
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-5">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-10" />
            ))}
          </div>
          <SetupPanelSkeleton />
        </CardContent>
      </Card>
    </>
  );
}
