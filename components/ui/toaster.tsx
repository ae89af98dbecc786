"use client";

import { useTheme } from "next-themes";
import { Toaster as Sonner, type ToasterProps } from "sonner";

/** Sonner's toaster following the portal's light/dark/system theme. Mount once, in the providers. */
export function Toaster(props: ToasterProps) {
  const { theme = "system" } = useTheme();
  return (
    <Sonner
      theme={theme as ToasterProps["theme"]}
      position="bottom-right"
      closeButton
      richColors
      toastOptions={{ classNames: { toast: "font-sans" } }}
      {...props}
    />
  );
}
