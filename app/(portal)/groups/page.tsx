import { FolderTree } from "lucide-react";
import { ComingSoon } from "@/components/layout/coming-soon";
import { PageHeader } from "@/components/layout/page-header";

export const metadata = { title: "Groups" };

export default function GroupsPage() {
  return (
    <>
      <PageHeader title="Groups" />
      <ComingSoon icon={FolderTree} title="Groups" description="Browse each group's packages, totals and stale versions. This page arrives with the catalog." />
    </>
  );
}
