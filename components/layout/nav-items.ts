import { Boxes, FolderTree, History, type LucideIcon, ScrollText, Wrench } from "lucide-react";

export type NavItem = { href: string; label: string; icon: LucideIcon };

export const NAV_ITEMS: NavItem[] = [
  { href: "/packages", label: "Catalog", icon: Boxes },
  { href: "/groups", label: "Groups", icon: FolderTree },
  { href: "/policies", label: "Policies", icon: ScrollText },
  { href: "/audit", label: "Audit", icon: History },
  { href: "/setup", label: "Set me up", icon: Wrench },
];
