// Namespace package settings (GitLab's GraphQL `PackageSettings`): whether a format accepts a
// second upload of the same name + version, with an exception pattern. Stored per group in
// `store.packageSettings`; a project answers to its top-level group's settings.
import type { Store } from "./store";

export const DUPLICATE_FORMATS = ["maven", "generic", "nuget"] as const;
export type DuplicateFormat = (typeof DUPLICATE_FORMATS)[number];

export interface PackageSettings {
  maven_duplicates_allowed: boolean;
  maven_duplicate_exception_regex: string;
  generic_duplicates_allowed: boolean;
  generic_duplicate_exception_regex: string;
  nuget_duplicates_allowed: boolean;
  nuget_duplicate_exception_regex: string;
  terraform_module_duplicates_allowed: boolean;
  terraform_module_duplicate_exception_regex: string;
}

export const DEFAULT_PACKAGE_SETTINGS: PackageSettings = {
  maven_duplicates_allowed: true,
  maven_duplicate_exception_regex: "",
  generic_duplicates_allowed: true,
  generic_duplicate_exception_regex: "",
  nuget_duplicates_allowed: true,
  nuget_duplicate_exception_regex: "",
  terraform_module_duplicates_allowed: true,
  terraform_module_duplicate_exception_regex: "",
};

/** The settings stored on this very namespace (what GraphQL's `namespace.packageSettings` reads). */
export function ownPackageSettings(store: Store, groupId: number): PackageSettings {
  return { ...DEFAULT_PACKAGE_SETTINGS, ...(store.packageSettings.get(groupId) ?? {}) };
}

function rootGroupId(store: Store, groupId: number): number {
  let g = store.groupsById.get(groupId);
  while (g && g.parentId !== null) g = store.groupsById.get(g.parentId);
  return g?.id ?? groupId;
}

export function packageSettingsFor(store: Store, groupId: number): PackageSettings {
  return {
    ...DEFAULT_PACKAGE_SETTINGS,
    ...(store.packageSettings.get(rootGroupId(store, groupId)) ?? {}),
  };
}

/**
 * May this project take another upload of `name`/`version` in `format` when one exists?
 * Allowed unless the setting forbids duplicates — and the exception pattern (anchored, matched
 * against name and version) flips the answer, as GitLab's Namespace::PackageSetting does.
 */
export function duplicateAllowed(
  store: Store,
  projectId: number,
  format: DuplicateFormat,
  name: string,
  version: string,
): boolean {
  const project = store.projectsById.get(projectId);
  if (!project) return true;
  const s = packageSettingsFor(store, project.groupId);
  const allowed = s[`${format}_duplicates_allowed`];
  const pattern = s[`${format}_duplicate_exception_regex`];
  if (!pattern) return allowed;
  let matches = false;
  try {
    const re = new RegExp(`^(?:${pattern})$`);
    matches = re.test(name) || re.test(version);
  } catch {
    matches = false;
  }
  return matches ? !allowed : allowed;
}
