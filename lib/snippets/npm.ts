import {
  isPlaceholder,
  ref,
  show,
  type Snippet,
  type SnippetInput,
  type SnippetNote,
} from "./model";
import { instanceUrls, scopePath } from "./urls";

// npm: .npmrc (project and group), npm config set, package.json publishConfig, publish,
// install, .gitlab-ci.yml — the guide's "NPM Packages" section.

/** `@scope` from the input, else from a scoped package name, else the guide's `@scope`. */
export function npmScopeOf(input: SnippetInput): string {
  if (input.npmScope) return input.npmScope.startsWith("@") ? input.npmScope : `@${input.npmScope}`;
  const name = input.packageName !== undefined ? show(input.packageName) : "";
  const m = /^(@[^/]+)\//.exec(name);
  if (m) return m[1];
  // No package yet: the root namespace is the scope every endpoint accepts.
  return input.rootNamespace ? `@${input.rootNamespace.toLowerCase()}` : "@scope";
}

function registry(input: SnippetInput) {
  const urls = instanceUrls(input.instanceUrl);
  const path = `/api/v4/${scopePath(input.scope)}/packages/npm/`;
  return { url: `${urls.base}${path}`, authKey: `${urls.nerfDart}${path}`, urls };
}

export function renderNpm(input: SnippetInput): Snippet[] {
  const { url, authKey, urls } = registry(input);
  const scope = npmScopeOf(input);
  const token = ref(input.credential.token);
  const level = input.scope.kind;
  const name = input.packageName !== undefined ? show(input.packageName) : `${scope}/my-package`;
  const version = input.version !== undefined ? show(input.version) : undefined;
  const out: Snippet[] = [
    {
      id: `npm-npmrc-${level}`,
      title: `.npmrc (${level} level)`,
      filename: ".npmrc",
      language: "ini",
      tool: "npm",
      purpose: "setup",
      content: `# .npmrc\n${scope}:registry=${url}\n${authKey}:_authToken=${token}`,
      note: "npm expands ${…} in .npmrc from the environment, so the token itself never lands in the file.",
    },
    {
      id: `npm-config-set-${level}`,
      title: "npm config set",
      filename: "npm-config.sh",
      language: "shellscript",
      tool: "npm",
      purpose: "setup",
      content: `npm config set ${scope}:registry ${url}\nnpm config set ${authKey}:_authToken ${token}`,
      note: "The shell expands the variable here, so the token is written into your user .npmrc — prefer the .npmrc form in shared machines.",
    },
  ];
  if (level === "project") {
    const pkgJson = {
      name,
      version: version !== undefined && !isPlaceholder(input.version!) ? version : "1.0.0",
      publishConfig: { [`${scope}:registry`]: url },
    };
    out.push(
      {
        id: "npm-package-json",
        title: "package.json publishConfig",
        filename: "package.json",
        language: "json",
        tool: "npm",
        purpose: "publish",
        content: JSON.stringify(pkgJson, null, 2),
      },
      {
        id: "npm-publish",
        title: "Publish",
        filename: "publish.sh",
        language: "shellscript",
        tool: "npm",
        purpose: "publish",
        content: "npm publish",
        note: "Publishing the same name and version twice is refused (403): bump the version instead of overwriting.",
      },
    );
  }
  const spec = version !== undefined ? `${name}@${version}` : name;
  out.push({
    id: `npm-install-${level}`,
    title: "Install",
    filename: "install.sh",
    language: "shellscript",
    tool: "npm",
    purpose: "install",
    content: `# Install specific package\nnpm install ${spec}\n# Or add to package.json and run\nnpm install`,
  });
  if (level === "project") {
    // https://${CI_SERVER_HOST} only holds for an https instance without port or path prefix.
    const ciBase = urls.plainHttps ? "https://${CI_SERVER_HOST}" : urls.base;
    const ciNerf = urls.plainHttps ? "//${CI_SERVER_HOST}" : urls.nerfDart;
    const ciPath = `/api/v4/projects/${typeof input.scope.id === "object" ? "${CI_PROJECT_ID}" : input.scope.id}/packages/npm/`;
    out.push({
      id: "npm-gitlab-ci",
      title: ".gitlab-ci.yml",
      filename: ".gitlab-ci.yml",
      language: "yaml",
      tool: "ci",
      purpose: "ci",
      content: [
        "publish:",
        "  image: node:18",
        "  script:",
        `    - echo "${scope}:registry=${ciBase}${ciPath}" >> .npmrc`,
        `    - echo "${ciNerf}${ciPath}:_authToken=${token}" >> .npmrc`,
        "    - npm publish",
      ].join("\n"),
    });
  }
  return out;
}

/** The group endpoint serves only packages whose scope is the root namespace. */
export function npmNotes(input: SnippetInput): SnippetNote[] {
  const scope = npmScopeOf(input);
  if (input.scope.kind !== "group" || !input.rootNamespace) return [];
  if (scope.slice(1).toLowerCase() === input.rootNamespace.toLowerCase()) return [];
  return [
    {
      id: "npm-scope-mismatch",
      level: "warning",
      text: `The group endpoint only serves packages whose scope matches the root namespace (@${input.rootNamespace}); ${scope} packages will not be found there. Rename the package to @${input.rootNamespace}/… or install from the project endpoint.`,
    },
  ];
}
