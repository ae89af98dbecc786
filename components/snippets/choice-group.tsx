"use client";

import { cn } from "@/lib/cn";

export type Choice = { value: string; label: string; description?: string };

/**
 * A radio group drawn as tiles: native radios, so Tab enters the group, arrow keys move and
 * screen readers announce "2 of 3" — the platform's keyboard model, not a re-implementation.
 */
export function ChoiceGroup({
  name,
  legend,
  choices,
  value,
  onChange,
  columns = "sm:grid-cols-3",
  hint,
}: {
  name: string;
  legend: string;
  choices: Choice[];
  value: string | null;
  onChange: (value: string) => void;
  columns?: string;
  hint?: React.ReactNode;
}) {
  return (
    <fieldset className="flex min-w-0 flex-col gap-2">
      <legend className="mb-2 text-sm font-medium">{legend}</legend>
      <div className={cn("grid grid-cols-1 gap-2", columns)}>
        {choices.map((c) => {
          const id = `${name}-${c.value}`;
          const checked = value === c.value;
          return (
            <label
              key={c.value}
              htmlFor={id}
              className={cn(
                "flex cursor-pointer flex-col gap-0.5 rounded-md border px-3 py-2 text-sm transition-colors",
                "has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring/60",
                checked
                  ? "border-primary bg-accent text-accent-foreground"
                  : "border-border hover:bg-muted/60",
              )}
            >
              <span className="flex items-center gap-2">
                <input
                  id={id}
                  type="radio"
                  name={name}
                  value={c.value}
                  checked={checked}
                  onChange={() => onChange(c.value)}
                  className="size-4 accent-[var(--primary)]"
                />
                <span className="font-medium">{c.label}</span>
              </span>
              {c.description ? (
                <span className="pl-6 text-xs text-muted-foreground">{c.description}</span>
              ) : null}
            </label>
          );
        })}
      </div>
      {hint ? <div className="text-xs text-muted-foreground">{hint}</div> : null}
    </fieldset>
  );
}
