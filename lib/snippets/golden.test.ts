import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RENDERERS } from "./index";
import {
  envVar,
  literalUsername,
  type Credential,
  type PackageType,
  type SnippetInput,
} from "./model";

// Golden tests: for the guide's own placeholder inputs, every renderer reproduces the guide's
// snippet. Fixtures in fixtures/guide/ are copied from ../shared/seed/package-registry-guide.txt.
// The guide is a web page pasted to text, which lost all leading indentation and blank lines;
// the fixtures restore them (2 spaces for YAML, XML, JSON and shell continuation lines, 4 for
// .pypirc's `index-servers` continuation, which configparser needs) and otherwise keep the
// guide's text, except where noted per case below ("normalised:").

const G = "https://gitlab.sikt.no";
const placeholder = (name: string) => ({ env: envVar(name) });
const access = (token: string, username: Credential["username"]): Credential => ({
  kind: "access-token",
  token: envVar(token),
  username,
});
const TOKEN = access("TOKEN", literalUsername("USERNAME"));
const JOB: Credential = {
  kind: "job-token",
  token: envVar("CI_JOB_TOKEN"),
  username: literalUsername("gitlab-ci-token"),
};
const PAT = access("PERSONAL_ACCESS_TOKEN", placeholder("PERSONAL_ACCESS_TOKEN_USERNAME"));

const project = (credential: Credential, extra: Partial<SnippetInput> = {}): SnippetInput => ({
  instanceUrl: G,
  scope: { kind: "project", id: placeholder("PROJECT_ID") },
  credential,
  ...extra,
});
const group = (credential: Credential): SnippetInput => ({
  instanceUrl: G,
  scope: { kind: "group", id: placeholder("GROUP_ID") },
  credential,
});
const genericPlaceholders = {
  packageName: placeholder("PACKAGE_NAME"),
  version: placeholder("VERSION"),
};

const CASES: Array<[type: PackageType, id: string, input: SnippetInput, normalised?: string]> = [
  ["npm", "npm-npmrc-project", project(TOKEN)],
  ["npm", "npm-npmrc-group", group(TOKEN)],
  ["npm", "npm-config-set-project", project(TOKEN)],
  ["npm", "npm-package-json", project(TOKEN)],
  ["npm", "npm-publish", project(TOKEN)],
  ["npm", "npm-install-project", project(TOKEN)],
  ["npm", "npm-gitlab-ci", project(JOB)],
  ["pypi", "pypi-pip-conf-project", project(access("TOKEN", literalUsername("__token__")))],
  ["pypi", "pypi-pip-index-url-project", project(access("TOKEN", literalUsername("__token__")))],
  ["pypi", "pypi-pypirc", project(PAT)],
  ["pypi", "pypi-twine-upload", project(PAT)],
  [
    "pypi",
    "pypi-twine-upload-env",
    project(PAT),
    "the guide's first line ends `}\\` with no space, which joins the two assignments into one word; a space restored",
  ],
  ["pypi", "pypi-pip-install-project", project(PAT)],
  ["pypi", "pypi-gitlab-ci", project(JOB)],
  ["maven", "maven-settings-xml-header", project(JOB)],
  [
    "maven",
    "maven-settings-xml-basic",
    project(access("PERSONAL_ACCESS_TOKEN", literalUsername("GITLAB_USERNAME"))),
    "the guide's bare PERSONAL_ACCESS_TOKEN would be sent literally; the portal writes ${PERSONAL_ACCESS_TOKEN}, which Maven fills from the environment",
  ],
  ["maven", "maven-pom-xml", project(TOKEN)],
  ["maven", "maven-deploy", project(TOKEN)],
  ["maven", "maven-dependency-project", project(TOKEN)],
  ["maven", "maven-install-project", project(TOKEN)],
  ["maven", "maven-gitlab-ci", project(JOB)],
  ["nuget", "nuget-add-source-project", project(TOKEN)],
  ["nuget", "nuget-pack", project(TOKEN)],
  ["nuget", "nuget-push-source", project(TOKEN)],
  ["nuget", "nuget-push-url", project(TOKEN)],
  ["nuget", "nuget-add-package-project", project(TOKEN)],
  [
    "nuget",
    "nuget-config-project",
    project(TOKEN),
    "the guide's comment precedes the XML declaration (invalid XML: the declaration must come first) and uses ${TOKEN}, which NuGet does not expand; the portal puts the declaration first and writes %TOKEN%, NuGet's variable syntax",
  ],
  ["nuget", "nuget-gitlab-ci", project(JOB)],
  ["generic", "generic-upload", project(TOKEN, genericPlaceholders)],
  ["generic", "generic-upload-status", project(TOKEN)],
  ["generic", "generic-download-curl", project(TOKEN, genericPlaceholders)],
  ["generic", "generic-download-wget", project(TOKEN, genericPlaceholders)],
  ["generic", "generic-gitlab-ci", project(JOB), "a blank line restored between the two jobs"],
];

const fixture = (id: string) =>
  readFileSync(path.join(import.meta.dirname, "fixtures", "guide", `${id}.txt`), "utf8").replace(
    /\n$/,
    "",
  );

describe("renderers reproduce the guide's snippets for its placeholder inputs", () => {
  it.each(CASES)("%s %s", (type, id, input) => {
    const snippet = RENDERERS[type](input).find((s) => s.id === id);
    expect(snippet, `renderer ${type} offers ${id}`).toBeDefined();
    expect(snippet!.content).toBe(fixture(id));
  });

  it("covers every fixture", () => {
    const files = readdirSync(path.join(import.meta.dirname, "fixtures", "guide")).map((f) =>
      f.replace(/\.txt$/, ""),
    );
    expect(CASES.map((c) => c[1]).sort()).toEqual(files.sort());
  });
});
