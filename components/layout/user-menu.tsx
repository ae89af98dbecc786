"use client";

import { LogOut, Shield } from "lucide-react";
import { signOut } from "next-auth/react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

type Props = { name: string; username: string; image: string | null; isAdmin: boolean };

export function UserMenu({ name, username, image, isAdmin }: Props) {
  // GitLab avatars can be missing or blocked: fall back to initials.
  const [imageFailed, setImageFailed] = useState(false);
  const imgRef = useRef<HTMLImageElement>(null);
  // An image that failed before hydration never fires onError: check once mounted.
  useEffect(() => {
    const img = imgRef.current;
    if (img?.complete && img.naturalWidth === 0) setImageFailed(true);
  }, []);
  const initials = name
    .split(/\s+/)
    .map((w) => w[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className="gap-2 px-2" aria-label={`Account: ${name}`}>
          {image && !imageFailed ? (
            // eslint-disable-next-line @next/next/no-img-element -- avatars come from GitLab's host
            <img
              ref={imgRef}
              src={image}
              alt=""
              onError={() => setImageFailed(true)}
              className="size-7 rounded-full border border-border"
            />
          ) : (
            <span className="grid size-7 place-items-center rounded-full bg-primary/15 text-xs font-semibold text-primary">
              {initials}
            </span>
          )}
          <span className="hidden max-w-32 truncate text-sm md:inline" data-testid="user-name">
            {name}
          </span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-56">
        <DropdownMenuLabel>
          <div className="truncate font-medium">{name}</div>
          <div className="truncate text-xs font-normal text-muted-foreground">@{username}</div>
        </DropdownMenuLabel>
        {isAdmin ? (
          <DropdownMenuItem disabled>
            <Shield className="size-4" aria-hidden /> Instance administrator
          </DropdownMenuItem>
        ) : null}
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => signOut({ callbackUrl: "/signin?signedOut=1" })}>
          <LogOut className="size-4" aria-hidden /> Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
