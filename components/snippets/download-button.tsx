"use client";

import { Download } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";

/** Saves the snippet as its file (e.g. `.npmrc`), from the text already on the page. */
export function DownloadButton({ filename, content }: { filename: string; content: string }) {
  function download() {
    const url = URL.createObjectURL(new Blob([`${content}\n`], { type: "text/plain" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    toast.success(`Downloaded ${filename}`);
  }
  return (
    <Button
      type="button"
      variant="ghost"
      size="icon"
      className="size-8"
      aria-label={`Download ${filename}`}
      onClick={download}
    >
      <Download className="size-4" aria-hidden />
    </Button>
  );
}
