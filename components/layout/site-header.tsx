import { Package } from "lucide-react";
import Link from "next/link";
import { Suspense } from "react";
import type { CurrentUser } from "@/lib/auth/session";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { GlobalSearch } from "./global-search";
import { MainNav } from "./main-nav";
import { UserMenu } from "./user-menu";

export function SiteHeader({ user, instanceName }: { user: CurrentUser; instanceName: string }) {
  return (
    <header className="sticky top-0 z-40 border-b border-border bg-background/90 backdrop-blur supports-[backdrop-filter]:bg-background/75">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4 sm:px-6">
        <Link
          href="/packages"
          aria-label={instanceName}
          className="flex shrink-0 items-center gap-2 rounded-md font-semibold focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <span className="grid size-8 place-items-center rounded-md bg-primary text-primary-foreground">
            <Package className="size-4" aria-hidden />
          </span>
          <span className="hidden sm:inline">{instanceName}</span>
        </Link>
        <div className="flex flex-1 justify-center">
          <Suspense>
            <GlobalSearch />
          </Suspense>
        </div>
        <ThemeToggle />
        <UserMenu
          name={user.name}
          username={user.username}
          image={user.image}
          isAdmin={user.isAdmin}
        />
      </div>
      <div className="mx-auto max-w-7xl px-2 sm:px-4">
        <MainNav />
      </div>
    </header>
  );
}
