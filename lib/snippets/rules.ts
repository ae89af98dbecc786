import type { CredentialKind, PackageType, ScopeKind, SnippetInput, SnippetNote } from "./model";
import { npmNotes } from "./npm";

// The guide's rules, said where they bite: beside the scope, the credential and the snippets
// they constrain. Pure text, shared by the API (notes[]) and the UI.

export const CREDENTIAL_CHOICES: Record<
  CredentialKind,
  { label: string; short: string; why: string }
> = {
  "job-token": {
    label: "CI job token",
    short: "In a GitLab pipeline",
    why: "Preferred in pipelines: $CI_JOB_TOKEN is short-lived, managed by GitLab and may publish to its own project. To publish into another project, add the source project to the receiver's CI/CD job token allowlist.",
  },
  "deploy-token": {
    label: "Deploy token",
    short: "Automation outside CI",
    why: "For automated systems and servers. Least scope: read_package_registry to pull, add write_package_registry only where it publishes. Keep it in a CI/CD variable or a secret store, never in the repository.",
  },
  "access-token": {
    label: "Access token",
    short: "Your own machine",
    why: "A personal, project or group access token acts with its owner's role (api scope to publish, read_api to pull). Fine for local work; prefer job tokens in CI and deploy tokens for automation, and rotate it regularly.",
  },
};

export const SCOPE_CHOICES: Record<ScopeKind, { label: string; why: string }> = {
  project: {
    label: "Project",
    why: "Publish here and pull from here. Packages are always published to a project.",
  },
  group: {
    label: "Group",
    why: "Pull only: the group endpoint collects the packages of every project inside it into one registry. GitLab does not accept publishing to a group.",
  },
};

export function ruleNotes(type: PackageType, input: SnippetInput): SnippetNote[] {
  const notes: SnippetNote[] = [];
  if (input.scope.kind === "group") {
    notes.push({
      id: "group-pull-only",
      level: "info",
      text: "Group scope is pull-only — publish to a project, then pull every project's packages from the group.",
    });
    if (type === "generic") {
      notes.push({
        id: "generic-no-group",
        level: "warning",
        text: "Generic packages have no group endpoint: download them from their project.",
      });
    }
  } else {
    notes.push({
      id: "no-overwrite",
      level: "info",
      text: "Don't overwrite existing versions — publish a new one (semver) so whoever pulled the old one keeps getting the same bytes.",
    });
  }
  if (type === "pypi" && input.scope.kind === "project") {
    notes.push({
      id: "pypi-duplicate-400",
      level: "warning",
      text: "PyPI: publishing a file that already exists for the same name and version fails with 400 Bad Request. Delete the existing package first, or publish a new version.",
    });
  }
  if (type === "npm") notes.push(...npmNotes(input));
  notes.push({
    id: `credential-${input.credential.kind}`,
    level: "info",
    text: CREDENTIAL_CHOICES[input.credential.kind].why,
  });
  return notes;
}
