import { PauseCircle, ScrollText, ShieldAlert } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { PolicyView } from "@/lib/retention/document";
import { describeFilters, describeRules } from "./policy-format";

/** Policies grouped by their scope, each a link to its page. */
export function PolicyList({
  policies,
  emptyAction,
}: {
  policies: PolicyView[];
  emptyAction?: React.ReactNode;
}) {
  if (!policies.length)
    return (
      <EmptyState
        icon={ScrollText}
        title="No retention policies yet"
        description="A policy says which old versions to clean up — by age, by last download, or keeping the N highest — and shows exactly what it would delete before anything goes."
        action={emptyAction}
      />
    );
  const byScope = new Map<string, PolicyView[]>();
  for (const p of policies) {
    const key = `${p.scope.type} ${p.scope_path ?? p.scope.id}`;
    byScope.set(key, [...(byScope.get(key) ?? []), p]);
  }
  return (
    <div className="space-y-6">
      {[...byScope].map(([scope, list]) => (
        <section key={scope} aria-label={scope}>
          <h2 className="mb-2 text-sm font-medium text-muted-foreground">
            <span className="capitalize">{scope.split(" ")[0]}</span>{" "}
            <span className="break-all font-mono text-foreground">
              {scope.split(" ").slice(1).join(" ")}
            </span>
          </h2>
          <ul className="grid gap-3 md:grid-cols-2">
            {list.map((p) => (
              <li key={p.id}>
                <Card className="h-full p-4 transition-colors focus-within:ring-2 focus-within:ring-ring hover:bg-accent/40">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link
                      href={`/policies/${p.id}`}
                      className="font-semibold outline-none hover:underline"
                    >
                      {p.name}
                    </Link>
                    <Badge variant={p.mode === "enforce" ? "destructive" : "secondary"}>
                      {p.mode === "enforce" ? "Enforce" : "Dry run"}
                    </Badge>
                    {!p.enabled ? (
                      <Badge variant="outline">
                        <PauseCircle aria-hidden /> Disabled
                      </Badge>
                    ) : null}
                    {p.suspended_reason ? (
                      <Badge variant="warning">
                        <ShieldAlert aria-hidden /> Suspended
                      </Badge>
                    ) : null}
                  </div>
                  <p className="mt-2 text-sm">{describeRules(p).join(" · ")}</p>
                  <p className="mt-1 text-xs text-muted-foreground">
                    {describeFilters(p).join(" · ")} — by {p.author}
                  </p>
                </Card>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
