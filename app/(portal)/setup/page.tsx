import { Wrench } from "lucide-react";
import { ComingSoon } from "@/components/layout/coming-soon";
import { PageHeader } from "@/components/layout/page-header";

export const metadata = { title: "Set me up" };

export default function SetmeupPage() {
  return (
    <>
      <PageHeader title="Set me up" />
      <ComingSoon
        icon={Wrench}
        title="Set me up"
        description="Copy-ready setup for npm, PyPI, Maven, NuGet and Generic packages, with your instance's URLs filled in. Not built yet."
      />
    </>
  );
}
