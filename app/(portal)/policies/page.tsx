import { ScrollText } from "lucide-react";
import { ComingSoon } from "@/components/layout/coming-soon";
import { PageHeader } from "@/components/layout/page-header";

export const metadata = { title: "Retention policies" };

export default function RetentionpoliciesPage() {
  return (
    <>
      <PageHeader title="Retention policies" />
      <ComingSoon
        icon={ScrollText}
        title="Retention policies"
        description="Group owners will store cleanup and retention policies here, preview exactly what they delete, and see every run. Not built yet."
      />
    </>
  );
}
