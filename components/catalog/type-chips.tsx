import { cn } from "@/lib/cn";
import { PACKAGE_TYPES, type PackageType } from "@/lib/versions";
import { formatCount } from "@/lib/format";

const LABELS: Record<string, string> = {
  npm: "npm",
  pypi: "PyPI",
  maven: "Maven",
  nuget: "NuGet",
  generic: "Generic",
};

/**
 * Package-type toggles with the count each would give (counts ignore the type filter). Past
 * the count cap the counts are lower bounds: "1 000+" kinds of figures would mislead per type,
 * so the chips then show none.
 */
export function TypeChips({
  facets,
  exact = true,
  selected,
  onChange,
}: {
  facets: Record<string, number>;
  exact?: boolean;
  selected: PackageType[];
  onChange: (types: PackageType[]) => void;
}) {
  return (
    <div role="group" aria-label="Package type" className="flex flex-wrap gap-1.5">
      {PACKAGE_TYPES.map((t) => {
        const on = selected.includes(t);
        return (
          <button
            key={t}
            type="button"
            aria-pressed={on}
            onClick={() => onChange(on ? selected.filter((s) => s !== t) : [...selected, t])}
            className={cn(
              "inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-xs font-medium transition-colors",
              "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
              on
                ? "border-primary bg-primary text-primary-foreground"
                : "border-border hover:bg-accent",
            )}
          >
            {LABELS[t]}
            {exact ? (
              <span className={cn("tabular-nums", on ? "opacity-90" : "text-muted-foreground")}>
                {formatCount(facets[t] ?? 0)}
              </span>
            ) : null}
          </button>
        );
      })}
    </div>
  );
}
