import type { PolicyDocument } from "@/lib/validations/retention";

// One-line descriptions of a policy's filters and rules, shared by the list and the pages.

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;

export function describeRules(p: PolicyDocument): string[] {
  const out: string[] = [];
  if (p.keep_latest !== null) out.push(`keep the ${plural(p.keep_latest, "highest version")}`);
  if (p.older_than_days !== null) out.push(`older than ${plural(p.older_than_days, "day")}`);
  if (p.not_downloaded_days !== null)
    out.push(`not downloaded for ${plural(p.not_downloaded_days, "day")}`);
  if (p.keep_duplicate_files !== null)
    out.push(`keep ${plural(p.keep_duplicate_files, "copy")} of duplicate files`);
  return out;
}

export function describeFilters(p: PolicyDocument): string[] {
  const out: string[] = [];
  out.push(p.package_types.length ? p.package_types.join(", ") : "all types");
  if (p.name_pattern) out.push(`name ${p.name_pattern}`);
  if (p.version_pattern) out.push(`version ${p.version_pattern}`);
  if (p.prerelease_only) out.push("prereleases only");
  if (p.protect_pattern) out.push(`protects ${p.protect_pattern}`);
  if (p.keep_newest) out.push("keeps the newest");
  return out;
}
