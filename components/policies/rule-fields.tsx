import { NumberField } from "./policy-fields";
import type { Form } from "./policy-form";

// The version rules of the policy editor: set ones must all agree before a version goes.

type Props = {
  form: Form;
  set: (key: string) => (value: string | boolean | string[]) => void;
  errors: Record<string, string | undefined>;
};

export function RuleFields({ form, set, errors }: Props) {
  return (
    <div className="rounded-md border border-dashed p-3">
      <p className="mb-3 text-sm font-medium">
        Rules — a version goes only when every rule set agrees
      </p>
      {errors.rules ? (
        <p className="mb-2 text-sm text-destructive" role="alert">
          {errors.rules}
        </p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <NumberField
          id="keep_latest"
          label="Keep the N highest"
          value={form.keep_latest as string}
          onChange={set("keep_latest")}
          error={errors.keep_latest}
        />
        <NumberField
          id="older_than_days"
          label="Older than (days)"
          value={form.older_than_days as string}
          onChange={set("older_than_days")}
          error={errors.older_than_days}
        />
        <NumberField
          id="not_downloaded_days"
          label="Not downloaded for (days)"
          value={form.not_downloaded_days as string}
          onChange={set("not_downloaded_days")}
          error={errors.not_downloaded_days}
        />
        <NumberField
          id="keep_duplicate_files"
          label="Keep N duplicate files"
          value={form.keep_duplicate_files as string}
          onChange={set("keep_duplicate_files")}
          error={errors.keep_duplicate_files}
        />
      </div>
    </div>
  );
}
