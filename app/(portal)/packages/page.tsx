import { Boxes } from "lucide-react";
import { ComingSoon } from "@/components/layout/coming-soon";
import { PageHeader } from "@/components/layout/page-header";

export const metadata = { title: "Catalog" };

export default function CatalogPage() {
  return (
    <>
      <PageHeader title="Catalog" description="Every package you may read, across all groups and projects." />
      <ComingSoon icon={Boxes} title="Catalog" description="Search across every group arrives with the catalog sync." />
    </>
  );
}
