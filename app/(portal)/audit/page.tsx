import { History } from "lucide-react";
import { ComingSoon } from "@/components/layout/coming-soon";
import { PageHeader } from "@/components/layout/page-header";

export const metadata = { title: "Audit log" };

export default function AuditlogPage() {
  return (
    <>
      <PageHeader title="Audit log" />
      <ComingSoon icon={History} title="Audit log" description="Every delete and policy change, with who, what and when. Not built yet." />
    </>
  );
}
