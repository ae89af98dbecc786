import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { bounded } from "@/components/layout/bounded";

async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2 focus:ring-2 focus:ring-ring"
      >
        Skip to content
      </a>
      <SiteHeader user={user} instanceName={env().instanceName} />
      <main id="main" className="mx-auto w-full max-w-7xl px-4 py-6 sm:px-6 sm:py-8">
        {children}
      </main>
    </>
  );
}

export default bounded(PortalLayout);
