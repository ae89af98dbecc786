"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { cn } from "@/lib/cn";
import { Button, type ButtonProps } from "./button";

// navigator.clipboard exists only on secure origins; an intranet portal on plain http falls back
// to the older selection + execCommand route.
async function writeClipboard(text: string): Promise<void> {
  if (typeof navigator !== "undefined" && navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy refused");
}

export type CopyButtonProps = Omit<ButtonProps, "onClick" | "children" | "value"> & {
  /** The text to copy. */
  value: string;
  /** Accessible name, e.g. "Copy .npmrc". */
  label?: string;
  /** Toast text after copying. */
  toastMessage?: string;
  /** Show the label as visible text beside the icon. */
  showLabel?: boolean;
};

export function CopyButton({
  value,
  label = "Copy",
  toastMessage = "Copied",
  showLabel = false,
  variant = "ghost",
  size = showLabel ? "sm" : "icon",
  className,
  ...props
}: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    try {
      await writeClipboard(value);
      setCopied(true);
      toast.success(toastMessage);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setCopied(false), 2000);
    } catch {
      toast.error("Could not copy — select the text and copy it by hand.");
    }
  }

  const Icon = copied ? Check : Copy;
  return (
    <Button
      type="button"
      variant={variant}
      size={size}
      aria-label={showLabel ? undefined : label}
      data-copied={copied || undefined}
      className={cn(size === "icon" && "size-8", className)}
      onClick={copy}
      {...props}
    >
      <Icon className={cn("size-4", copied && "text-success")} aria-hidden />
      {showLabel ? <span>{copied ? "Copied" : label}</span> : null}
    </Button>
  );
}
