"use client";

import { useQueryStates } from "nuqs";
import { useTransition, type ReactNode } from "react";
import { Select } from "@/components/ui/select";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { CREDENTIAL_CHOICES, SCOPE_CHOICES } from "@/lib/snippets/rules";
import { CREDENTIAL_KINDS, PACKAGE_TYPES, type ScopeKind } from "@/lib/snippets/model";
import { ChoiceGroup } from "./choice-group";
import { setupParsers, TOOLS, TYPE_LABELS } from "./setup-params";
import { UsernameField } from "./username-field";

export type ScopeOption = { kind: ScopeKind; id: number; path: string };
export type SetupStep = "type" | "scope" | "auth" | "tool";

/**
 * The choices of "Set me up", kept in the URL (nuqs, not shallow: the server renders and
 * highlights the snippets for the new state). `children` are those snippets; they dim while
 * the next ones load.
 */
export function SetupControls({
  steps,
  scopes = [],
  defaultAuth = "access-token",
  numbered = false,
  children,
}: {
  steps: SetupStep[];
  scopes?: ScopeOption[];
  defaultAuth?: (typeof CREDENTIAL_KINDS)[number];
  numbered?: boolean;
  children?: ReactNode;
}) {
  const [pending, startTransition] = useTransition();
  const [state, setState] = useQueryStates(setupParsers, {
    shallow: false,
    scroll: false,
    startTransition,
  });
  const auth = state.auth ?? defaultAuth;
  const n = (i: number, label: string) => (numbered ? `${i + 1}. ${label}` : label);
  const scopeKind = state.scope ?? "project";
  const scopeChoices = scopes.filter((s) => s.kind === scopeKind);

  const controls: Record<SetupStep, ReactNode> = {
    type: (
      <ChoiceGroup
        name="type"
        legend={n(steps.indexOf("type"), "Package type")}
        columns="grid-cols-2 sm:grid-cols-5"
        value={state.type}
        choices={PACKAGE_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
        onChange={(v) => setState({ type: v as (typeof PACKAGE_TYPES)[number], tool: null })}
      />
    ),
    scope: (
      <div className="flex flex-col gap-3">
        <ChoiceGroup
          name="scope"
          legend={n(steps.indexOf("scope"), "Scope")}
          columns="sm:grid-cols-2"
          value={state.scope}
          choices={(["project", "group"] as const).map((k) => ({
            value: k,
            label: SCOPE_CHOICES[k].label,
            description: SCOPE_CHOICES[k].why,
          }))}
          onChange={(v) => setState({ scope: v as ScopeKind, scope_id: null })}
        />
        {state.scope ? (
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="setup-scope-id">
              {state.scope === "project" ? "Project" : "Group"}
            </Label>
            <Select
              id="setup-scope-id"
              value={state.scope_id ?? ""}
              onChange={(e) =>
                setState({ scope_id: e.target.value ? Number(e.target.value) : null })
              }
            >
              <option value="">Choose a {state.scope}…</option>
              {scopeChoices.map((s) => (
                <option key={`${s.kind}-${s.id}`} value={s.id}>
                  {s.path}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
      </div>
    ),
    auth: (
      <div className="flex flex-col gap-3">
        <ChoiceGroup
          name="auth"
          legend={n(steps.indexOf("auth"), "Credential")}
          value={auth}
          choices={CREDENTIAL_KINDS.map((k) => ({
            value: k,
            label: CREDENTIAL_CHOICES[k].label,
            description: CREDENTIAL_CHOICES[k].short,
          }))}
          onChange={(v) =>
            setState({
              auth: v as (typeof CREDENTIAL_KINDS)[number],
              username: v === "deploy-token" ? state.username || null : null,
            })
          }
          hint={CREDENTIAL_CHOICES[auth].why}
        />
        {auth === "deploy-token" ? (
          <UsernameField
            key={state.username}
            value={state.username}
            onCommit={(v) => setState({ username: v || null })}
          />
        ) : null}
      </div>
    ),
    tool: state.type ? (
      <ChoiceGroup
        name="tool"
        legend={n(steps.indexOf("tool"), "Tool")}
        columns="grid-cols-2 sm:grid-cols-4"
        value={state.tool || "all"}
        choices={[
          { value: "all", label: "All" },
          ...TOOLS[state.type].map((t) => ({ value: t.id, label: t.label })),
        ]}
        onChange={(v) => setState({ tool: v === "all" ? null : v })}
      />
    ) : (
      <fieldset disabled className="flex flex-col gap-2 opacity-60">
        <legend className="text-sm font-medium">{n(steps.indexOf("tool"), "Tool")}</legend>
        <p className="text-xs text-muted-foreground">Pick a package type first.</p>
      </fieldset>
    ),
  };

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="flex flex-col gap-5">
        {steps.map((s) => (
          <div key={s}>{controls[s]}</div>
        ))}
      </div>
      <div aria-busy={pending || undefined} className="relative min-w-0">
        {pending ? (
          <div
            role="status"
            className="absolute right-0 -top-3 flex items-center gap-2 text-xs text-muted-foreground"
          >
            <Spinner className="size-3" /> Updating…
          </div>
        ) : null}
        <div className={pending ? "opacity-50 transition-opacity" : "transition-opacity"}>
          {children}
        </div>
      </div>
    </div>
  );
}
