import { FileCode2 } from "lucide-react";
import { CopyButton } from "@/components/ui/copy-button";
import type { Snippet } from "@/lib/snippets/model";
import { DownloadButton } from "./download-button";
import { highlightSnippet } from "./highlight";

/** One snippet: title and file name, highlighted code, copy and download, and the why. */
export async function SnippetBlock({ snippet }: { snippet: Snippet }) {
  const html = await highlightSnippet(snippet);
  const titleId = `snippet-${snippet.id}`;
  return (
    <section
      aria-labelledby={titleId}
      data-snippet-id={snippet.id}
      className="min-w-0 overflow-hidden rounded-lg border border-border"
    >
      <header className="flex items-center justify-between gap-2 border-b border-border bg-muted/50 py-1 pl-3 pr-1">
        <div className="flex min-w-0 items-center gap-2">
          <FileCode2 className="size-4 shrink-0 text-muted-foreground" aria-hidden />
          <h4 id={titleId} className="truncate text-sm font-medium">
            {snippet.title}
          </h4>
          <code className="hidden truncate text-xs text-muted-foreground sm:inline">
            {snippet.filename}
          </code>
        </div>
        <div className="flex shrink-0 items-center">
          <CopyButton
            value={snippet.content}
            label={`Copy ${snippet.title}`}
            toastMessage={`Copied ${snippet.title}`}
          />
          <DownloadButton filename={snippet.filename} content={snippet.content} />
        </div>
      </header>
      <div
        className="snippet-code overflow-x-auto text-[13px] leading-relaxed"
        // Shiki escapes the code; the HTML is ours, built on the server from our own text.
        dangerouslySetInnerHTML={{ __html: html }}
      />
      {snippet.note ? (
        <p className="border-t border-border px-3 py-2 text-xs text-muted-foreground">
          {snippet.note}
        </p>
      ) : null}
    </section>
  );
}
