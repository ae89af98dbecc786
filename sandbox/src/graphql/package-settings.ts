// The GraphQL face of namespace package settings: field names (snake in the store, camel on the
// wire) and the update with GitLab's validation (Namespace::PackageSetting: booleans; the
// exception patterns must compile, else the payload's `errors` names the field and nothing is
// saved).
import type { Store } from "../state/store";
import type { PackageSettings } from "../state/package-settings";

export const SETTINGS_FIELDS = [
  ["maven_duplicates_allowed", "mavenDuplicatesAllowed"],
  ["maven_duplicate_exception_regex", "mavenDuplicateExceptionRegex"],
  ["generic_duplicates_allowed", "genericDuplicatesAllowed"],
  ["generic_duplicate_exception_regex", "genericDuplicateExceptionRegex"],
  ["nuget_duplicates_allowed", "nugetDuplicatesAllowed"],
  ["nuget_duplicate_exception_regex", "nugetDuplicateExceptionRegex"],
  ["terraform_module_duplicates_allowed", "terraformModuleDuplicatesAllowed"],
  ["terraform_module_duplicate_exception_regex", "terraformModuleDuplicateExceptionRegex"],
] as const satisfies readonly (readonly [keyof PackageSettings, string])[];

const HUMAN: Record<string, string> = {
  maven: "Maven",
  generic: "Generic",
  nuget: "Nuget",
  terraform_module: "Terraform module",
};

export function updateSettings(
  store: Store,
  groupId: number,
  args: Record<string, unknown>,
): { errors: string[]; inputError?: string } {
  const known = new Map<string, string>(SETTINGS_FIELDS.map(([snake, camel]) => [camel, snake]));
  const change: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (key === "namespacePath" || key === "clientMutationId") continue;
    const snake = known.get(key);
    if (!snake) {
      return {
        errors: [],
        inputError: `InputObject 'UpdateNamespacePackageSettingsInput' doesn't accept argument '${key}'`,
      };
    }
    const isRegex = snake.endsWith("_regex");
    if (value === null) {
      if (!isRegex)
        return {
          errors: [],
          inputError: `Argument '${key}' on InputObject 'UpdateNamespacePackageSettingsInput' has an invalid value (null). Expected type 'Boolean'.`,
        };
      change[snake] = "";
      continue;
    }
    if (isRegex ? typeof value !== "string" : typeof value !== "boolean") {
      return {
        errors: [],
        inputError: `Argument '${key}' on InputObject 'UpdateNamespacePackageSettingsInput' has an invalid value (${JSON.stringify(value)}). Expected type '${isRegex ? "UntrustedRegexp" : "Boolean"}'.`,
      };
    }
    change[snake] = value;
  }
  const errors: string[] = [];
  for (const [snake, value] of Object.entries(change)) {
    if (!snake.endsWith("_regex") || !value) continue;
    try {
      new RegExp(value as string);
    } catch (e) {
      const fmt = snake.replace(/_duplicate_exception_regex$/, "");
      errors.push(
        `${HUMAN[fmt]} duplicate exception regex not valid RE2 syntax: ${(e as Error).message}`,
      );
    }
  }
  if (errors.length) return { errors };
  const current = store.packageSettings.get(groupId) ?? {};
  store.packageSettings.set(groupId, { ...current, ...(change as Partial<PackageSettings>) });
  return { errors: [] };
}
