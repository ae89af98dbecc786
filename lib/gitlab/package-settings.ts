import { z } from "zod";
import type { GitlabApi } from "./client";
import { gitlabGraphql, GraphqlRefusal } from "./graphql";

// A namespace's package settings through GitLab's GraphQL API (`namespace.packageSettings`,
// `updateNamespacePackageSettings`). Fields are snake_case on our side, camelCase on GitLab's.

export const PACKAGE_SETTING_FIELDS = {
  maven_duplicates_allowed: "mavenDuplicatesAllowed",
  maven_duplicate_exception_regex: "mavenDuplicateExceptionRegex",
  generic_duplicates_allowed: "genericDuplicatesAllowed",
  generic_duplicate_exception_regex: "genericDuplicateExceptionRegex",
  nuget_duplicates_allowed: "nugetDuplicatesAllowed",
  nuget_duplicate_exception_regex: "nugetDuplicateExceptionRegex",
  terraform_module_duplicates_allowed: "terraformModuleDuplicatesAllowed",
  terraform_module_duplicate_exception_regex: "terraformModuleDuplicateExceptionRegex",
} as const;

export type PackageSettingField = keyof typeof PACKAGE_SETTING_FIELDS;
export type PackageSettings = {
  [K in PackageSettingField]: K extends `${string}_regex` ? string | null : boolean;
};

const SELECTION = Object.values(PACKAGE_SETTING_FIELDS).join(" ");

const camelSchema = z.looseObject(
  Object.fromEntries(
    Object.values(PACKAGE_SETTING_FIELDS).map((camel) => [
      camel,
      camel.endsWith("Regex") ? z.string().nullable() : z.boolean(),
    ]),
  ),
);

function toSnake(camel: Record<string, unknown>): PackageSettings {
  const parsed = camelSchema.parse(camel) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(PACKAGE_SETTING_FIELDS).map(([snake, c]) => [snake, parsed[c]]),
  ) as PackageSettings;
}

/** The settings of a group, or null when GitLab does not let this user read them. */
export async function readPackageSettings(api: GitlabApi, fullPath: string) {
  const data = await gitlabGraphql<{
    namespace: { packageSettings: Record<string, unknown> | null } | null;
  }>(
    api,
    `query PackageSettings($fullPath: ID!) { namespace(fullPath: $fullPath) { packageSettings { ${SELECTION} } } }`,
    { fullPath },
  );
  const raw = data.namespace?.packageSettings;
  return raw ? toSnake(raw) : null;
}

/** Changes the given fields; GitLab's refusal (either kind of `errors`) throws GraphqlRefusal. */
export async function updatePackageSettings(
  api: GitlabApi,
  fullPath: string,
  change: Partial<PackageSettings>,
): Promise<PackageSettings> {
  const input: Record<string, unknown> = { namespacePath: fullPath };
  for (const [snake, value] of Object.entries(change)) {
    input[PACKAGE_SETTING_FIELDS[snake as PackageSettingField]] = value;
  }
  const data = await gitlabGraphql<{
    updateNamespacePackageSettings: {
      packageSettings: Record<string, unknown> | null;
      errors: string[];
    } | null;
  }>(
    api,
    `mutation UpdatePackageSettings($input: UpdateNamespacePackageSettingsInput!) {
      updateNamespacePackageSettings(input: $input) { packageSettings { ${SELECTION} } errors } }`,
    { input },
  );
  const payload = data.updateNamespacePackageSettings;
  if (!payload) throw new GraphqlRefusal(["GitLab did not apply the change."]);
  if (payload.errors.length) throw new GraphqlRefusal(payload.errors);
  if (!payload.packageSettings) throw new GraphqlRefusal(["GitLab did not apply the change."]);
  return toSnake(payload.packageSettings);
}
