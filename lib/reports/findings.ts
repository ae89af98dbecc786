import type { HealthData } from "@/db/queries/registry-health";
import { isValidVersion, VERSIONING } from "./version-validity";

// The registry guide's best practices as checks over mirrored data. Each finding names what is
// wrong, how to fix it and where GitLab documents it.

export type Severity = "error" | "warning" | "info";
export type Finding = {
  kind: FindingKind;
  severity: Severity;
  subject: string;
  message: string;
  fix: string;
  link: string;
};
export type FindingKind =
  | "invalid_version"
  | "npm_scope_mismatch"
  | "duplicate_files"
  | "never_downloaded"
  | "no_retention_policy"
  | "deploy_token_no_expiry"
  | "deploy_token_rotation_due"
  | "registry_public";

const DOCS = "https://docs.gitlab.com/user/packages";
export const LINKS: Record<FindingKind, string> = {
  invalid_version: `${DOCS}/package_registry/supported_functionality/`,
  npm_scope_mismatch: `${DOCS}/npm_registry/#naming-convention`,
  duplicate_files: `${DOCS}/package_registry/reduce_package_registry_storage/`,
  never_downloaded: `${DOCS}/package_registry/reduce_package_registry_storage/`,
  no_retention_policy: `${DOCS}/package_registry/reduce_package_registry_storage/#cleanup-policy`,
  deploy_token_no_expiry: "https://docs.gitlab.com/user/project/deploy_tokens/",
  deploy_token_rotation_due: "https://docs.gitlab.com/user/project/deploy_tokens/",
  registry_public: `${DOCS}/package_registry/#allow-anyone-to-pull-from-package-registry`,
};

const label = (name: string, version: string | null) => (version ? `${name}@${version}` : name);

export function mirrorFindings(data: HealthData): Finding[] {
  const out: Finding[] = [];
  const path = new Map(data.projects.map((p) => [p.id, p.path]));

  for (const v of data.versions) {
    if (isValidVersion(v.packageType, v.version)) continue;
    out.push({
      kind: "invalid_version",
      severity: "warning",
      subject: `${path.get(v.projectId)}: ${v.packageType} ${label(v.name, v.version)}`,
      message: `"${v.version ?? ""}" is not a valid ${v.packageType} version; tools may refuse or misorder it.`,
      fix: `Publish the next release with ${VERSIONING[v.packageType] ?? "a semantic version"}, then delete this version.`,
      link: LINKS.invalid_version,
    });
  }

  const rootOf = new Map(data.projects.map((p) => [p.id, p.rootPath]));
  for (const s of data.series) {
    if (s.packageType !== "npm") continue;
    const root = rootOf.get(s.projectId);
    const scope = s.name.startsWith("@") ? s.name.slice(1).split("/")[0] : null;
    if (!root || scope === root.toLowerCase()) continue;
    out.push({
      kind: "npm_scope_mismatch",
      severity: "error",
      subject: `${path.get(s.projectId)}: ${s.name}`,
      message: scope
        ? `Scope @${scope} does not match the root namespace "${root}": the group-level npm endpoint cannot serve this package.`
        : `The package has no scope: the group-level npm endpoint cannot serve it.`,
      fix: `Rename the package to @${root}/${s.name.replace(/^@[^/]+\//, "")} in package.json and publish under the new name.`,
      link: LINKS.npm_scope_mismatch,
    });
  }

  for (const d of data.duplicates) {
    out.push({
      kind: "duplicate_files",
      severity: "warning",
      subject: `${path.get(d.projectId)}: ${label(d.name, d.version)}`,
      message: `${d.copies} copies of ${d.fileName} in one version: a version was published again instead of bumped.`,
      fix: "Delete the older copies (or add a retention policy that keeps one duplicate file), and disallow duplicates in the group's package settings.",
      link: LINKS.duplicate_files,
    });
  }

  for (const s of data.series) {
    if (s.lastDownloadedAt !== null) continue;
    out.push({
      kind: "never_downloaded",
      severity: "info",
      subject: `${path.get(s.projectId)}: ${s.packageType} ${s.name}`,
      message: `None of its ${s.versionCount} version${s.versionCount === 1 ? "" : "s"} has ever been downloaded.`,
      fix: "If nothing uses it, delete it or let a retention policy remove versions not downloaded for 90 days.",
      link: LINKS.never_downloaded,
    });
  }

  const withPackages = new Set(data.series.map((s) => s.projectId));
  for (const p of data.projects) {
    if (p.hasRetentionPolicy || !withPackages.has(p.id)) continue;
    out.push({
      kind: "no_retention_policy",
      severity: "info",
      subject: p.path,
      message: "It holds packages and no enabled retention policy covers it: old versions pile up.",
      fix: "Add a retention policy for the project or its group (Policies → New policy), previewed first as a dry run.",
      link: LINKS.no_retention_policy,
    });
  }

  for (const p of data.projects) {
    if (p.registryAccessLevel !== "public") continue;
    out.push({
      kind: "registry_public",
      severity: "warning",
      subject: p.path,
      message: "Anyone, even without signing in, can pull this project's packages.",
      fix: "If that is not intended, set the registry to members only or to everyone with access to the project.",
      link: LINKS.registry_public,
    });
  }
  return out;
}
