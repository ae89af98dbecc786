import type { PolicyDocument } from "@/lib/validations/retention";

// The editor's form state (strings, as inputs hold them) and the policy document it stands for.

export type Form = Record<string, string | boolean | string[]>;

export const toForm = (p: PolicyDocument): Form => ({
  name: p.name,
  scope: `${p.scope.type}:${p.scope.id}`,
  package_types: p.package_types,
  name_pattern: p.name_pattern ?? "",
  version_pattern: p.version_pattern ?? "",
  prerelease_only: p.prerelease_only,
  keep_latest: p.keep_latest?.toString() ?? "",
  older_than_days: p.older_than_days?.toString() ?? "",
  not_downloaded_days: p.not_downloaded_days?.toString() ?? "",
  keep_duplicate_files: p.keep_duplicate_files?.toString() ?? "",
  protect_pattern: p.protect_pattern ?? "",
  keep_newest: p.keep_newest,
  mode: p.mode,
  enabled: p.enabled,
});

const num = (s: unknown) => (s === "" ? null : Number(s));

export function fromForm(f: Form) {
  const [type, id] = String(f.scope).split(":");
  return {
    name: f.name,
    scope: { type, id: Number(id) },
    package_types: f.package_types,
    name_pattern: f.name_pattern,
    version_pattern: f.version_pattern,
    prerelease_only: f.prerelease_only,
    keep_latest: num(f.keep_latest),
    older_than_days: num(f.older_than_days),
    not_downloaded_days: num(f.not_downloaded_days),
    keep_duplicate_files: num(f.keep_duplicate_files),
    protect_pattern: f.protect_pattern,
    keep_newest: f.keep_newest,
    mode: f.mode,
    enabled: f.enabled,
  };
}
