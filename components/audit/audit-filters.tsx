import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { AUDIT_RESULTS, type AuditQuery } from "@/lib/validations/audit";

// A plain GET form: the filters live in the URL, so a view can be shared and the CSV link
// carries the same query. Works without JavaScript.

export function AuditFilters({ query, actions }: { query: AuditQuery; actions: string[] }) {
  return (
    <form
      method="get"
      action="/audit"
      className="mb-6 grid gap-3 sm:grid-cols-3 lg:grid-cols-7 lg:items-end"
      aria-label="Filter audit events"
    >
      <Field id="actor" label="Actor">
        <Input id="actor" name="actor" defaultValue={query.actor ?? ""} placeholder="username" />
      </Field>
      <Field id="project" label="Project">
        <Input
          id="project"
          name="project"
          defaultValue={query.project ?? ""}
          placeholder="path or id"
        />
      </Field>
      <Field id="action" label="Action">
        <Select id="action" name="action" defaultValue={query.action ?? ""}>
          <option value="">Any</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="result" label="Result">
        <Select id="result" name="result" defaultValue={query.result ?? ""}>
          <option value="">Any</option>
          {AUDIT_RESULTS.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="from" label="From">
        <Input id="from" name="from" type="date" defaultValue={query.from ?? ""} />
      </Field>
      <Field id="to" label="To">
        <Input id="to" name="to" type="date" defaultValue={query.to ?? ""} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit">Apply</Button>
        <Button variant="ghost" asChild>
          <Link href="/audit">Reset</Link>
        </Button>
      </div>
    </form>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
    </div>
  );
}
