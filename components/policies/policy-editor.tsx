"use client";

import { Lock, Save } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { PACKAGE_TYPES } from "@/lib/versions";
import { fieldErrors, policyInputSchema, type PolicyDocument } from "@/lib/validations/retention";
import { DeletePolicyButton } from "./delete-policy-button";
import { CheckField, Field, TextField } from "./policy-fields";
import { fromForm, toForm, type Form } from "./policy-form";
import { LivePreview } from "./live-preview";
import { RuleFields } from "./rule-fields";
import { callPolicyApi, PolicyApiError } from "./policy-api";

export type ScopeOption = { type: "group" | "project"; id: number; path: string };

type Props = {
  policyId?: number;
  initial: PolicyDocument;
  scopes: ScopeOption[];
  canManage: boolean;
  whoCan: string;
};

export function PolicyEditor({ policyId, initial, scopes, canManage, whoCan }: Props) {
  const router = useRouter();
  const [form, setForm] = useState<Form>(() => toForm(initial));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const parsed = useMemo(() => policyInputSchema.safeParse(fromForm(form)), [form]);
  const errors = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...serverErrors };
  const set = (key: string) => (value: string | boolean | string[]) => {
    setServerErrors({});
    setForm((f) => ({ ...f, [key]: value }));
  };
  const ro = !canManage;

  async function save() {
    if (!parsed.success) return;
    setSaving(true);
    try {
      const saved = await callPolicyApi<{ id: number }>(
        policyId ? `/api/policies/${policyId}` : "/api/policies",
        policyId ? "PUT" : "POST",
        parsed.data,
      );
      toast.success(policyId ? "Policy saved" : "Policy created", {
        description:
          parsed.data.mode === "enforce"
            ? "The next scheduled run enforces it."
            : "It runs as a dry run.",
      });
      router.push(`/policies/${saved.id}`);
      router.refresh();
    } catch (e) {
      if (e instanceof PolicyApiError) setServerErrors(e.fields);
      toast.error("Could not save the policy", { description: (e as Error).message });
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,26rem)_minmax(0,1fr)]">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        aria-label="Policy"
        noValidate
      >
        <Card>
          <CardHeader>
            <CardTitle>{ro ? "Policy" : policyId ? "Edit policy" : "New policy"}</CardTitle>
            {ro ? (
              <p
                className="flex items-start gap-2 text-sm text-muted-foreground"
                data-testid="read-only-note"
              >
                <Lock className="mt-0.5 size-4 shrink-0" aria-hidden /> Read-only. {whoCan}
              </p>
            ) : null}
          </CardHeader>
          <CardContent>
            <fieldset disabled={ro || saving} className="space-y-4">
              <TextField
                id="name"
                label="Name"
                value={form.name as string}
                onChange={set("name")}
                error={errors.name}
              />
              <Field
                id="scope"
                label="Scope"
                error={errors["scope.id"] ?? errors.scope}
                hint="A group includes its subgroups."
              >
                <select
                  id="scope"
                  className="h-9 w-full rounded-md border border-input bg-background px-3 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring/40"
                  value={form.scope as string}
                  onChange={(e) => set("scope")(e.target.value)}
                >
                  {scopes.map((s) => (
                    <option key={`${s.type}:${s.id}`} value={`${s.type}:${s.id}`}>
                      {s.type === "group" ? "Group" : "Project"} {s.path}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                id="types"
                label="Package types"
                hint="None ticked = every type."
                error={errors.package_types}
              >
                <div className="flex flex-wrap gap-3" id="types">
                  {PACKAGE_TYPES.map((t) => {
                    const list = form.package_types as string[];
                    return (
                      <label key={t} className="flex items-center gap-1.5 text-sm">
                        <input
                          type="checkbox"
                          className="size-4 accent-primary"
                          checked={list.includes(t)}
                          onChange={(e) =>
                            set("package_types")(
                              e.target.checked ? [...list, t] : list.filter((x) => x !== t),
                            )
                          }
                        />
                        {t}
                      </label>
                    );
                  })}
                </div>
              </Field>
              <TextField
                id="name_pattern"
                label="Package name glob"
                placeholder="e.g. @platon/*"
                value={form.name_pattern as string}
                onChange={set("name_pattern")}
                error={errors.name_pattern}
              />
              <TextField
                id="version_pattern"
                label="Version glob"
                placeholder="e.g. *-SNAPSHOT"
                value={form.version_pattern as string}
                onChange={set("version_pattern")}
                error={errors.version_pattern}
              />
              <CheckField
                id="prerelease_only"
                label="Prereleases and snapshots only"
                checked={form.prerelease_only as boolean}
                onChange={set("prerelease_only")}
              />
              <RuleFields form={form} set={set} errors={errors} />
              <TextField
                id="protect_pattern"
                label="Never delete versions matching"
                placeholder="e.g. 1.*"
                value={form.protect_pattern as string}
                onChange={set("protect_pattern")}
                error={errors.protect_pattern}
              />
              <CheckField
                id="keep_newest"
                label="Always keep the newest version"
                checked={form.keep_newest as boolean}
                onChange={set("keep_newest")}
              />
              <Field
                id="mode"
                label="Mode"
                hint="A dry run records what it would delete and deletes nothing."
              >
                <select
                  id="mode"
                  className="h-9 w-full rounded-md border border-input bg-background px-3 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring/40"
                  value={form.mode as string}
                  onChange={(e) => set("mode")(e.target.value)}
                >
                  <option value="dry_run">Dry run</option>
                  <option value="enforce">Enforce (delete)</option>
                </select>
              </Field>
              <CheckField
                id="enabled"
                label="Enabled (scheduled runs pick it up)"
                checked={form.enabled as boolean}
                onChange={set("enabled")}
              />
            </fieldset>
            {!ro ? (
              <div className="mt-6 flex flex-wrap items-center gap-2">
                <Button type="submit" disabled={!parsed.success || saving}>
                  {saving ? <Spinner /> : <Save aria-hidden />}{" "}
                  {policyId ? "Save" : "Create policy"}
                </Button>
                {policyId ? <DeletePolicyButton policyId={policyId} /> : null}
              </div>
            ) : null}
          </CardContent>
        </Card>
      </form>
      <LivePreview doc={parsed.success ? parsed.data : null} valid={parsed.success} />
    </div>
  );
}
