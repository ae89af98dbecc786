import { AlertTriangle, Info, PackageOpen } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { cn } from "@/lib/cn";
import type { SnippetNote, SnippetPurpose, SnippetSet } from "@/lib/snippets/model";
import { SnippetBlock } from "./snippet-block";

const PURPOSE_TITLES: Record<SnippetPurpose, string> = {
  setup: "Set up",
  publish: "Publish",
  install: "Install",
  ci: "In GitLab CI",
};

export function NoteList({ notes }: { notes: SnippetNote[] }) {
  if (!notes.length) return null;
  return (
    <ul className="flex flex-col gap-2">
      {notes.map((n) => {
        const Icon = n.level === "warning" ? AlertTriangle : Info;
        return (
          <li
            key={n.id}
            data-note-id={n.id}
            className={cn(
              "flex gap-2 rounded-md border px-3 py-2 text-sm",
              n.level === "warning"
                ? "border-warning/40 bg-warning/10 text-amber-900 dark:text-amber-200"
                : "border-border bg-muted/40 text-foreground",
            )}
          >
            <Icon className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>{n.text}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** The snippets of a set, grouped by what they are for, with the rules above them. */
export function SnippetList({ set, tool }: { set: SnippetSet; tool?: string }) {
  const shown = tool ? set.snippets.filter((s) => s.tool === tool) : set.snippets;
  const groups = (Object.keys(PURPOSE_TITLES) as SnippetPurpose[])
    .map((purpose) => ({ purpose, items: shown.filter((s) => s.purpose === purpose) }))
    .filter((g) => g.items.length);
  return (
    <div className="flex min-w-0 flex-col gap-5">
      {/* The credential's "why" is shown by its choice above; the other rules here. */}
      <NoteList notes={set.notes.filter((n) => !n.id.startsWith("credential-"))} />
      {groups.length === 0 ? (
        <EmptyState
          icon={PackageOpen}
          title="Nothing to set up here"
          description={
            tool
              ? "This tool has no snippet for this scope — pick another tool, or the project scope."
              : "This package type cannot be used from this scope — see the note above."
          }
        />
      ) : (
        groups.map((g) => (
          <div key={g.purpose} className="flex min-w-0 flex-col gap-3">
            <h3 className="text-sm font-semibold text-muted-foreground">
              {PURPOSE_TITLES[g.purpose]}
            </h3>
            {g.items.map((s) => (
              <SnippetBlock key={s.id} snippet={s} />
            ))}
          </div>
        ))
      )}
    </div>
  );
}
