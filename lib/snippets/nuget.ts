import { ref, show, type Snippet, type SnippetInput, type Username } from "./model";
import { ciProjectId, instanceUrls, scopePath } from "./urls";

// NuGet: dotnet nuget add source, pack, push (source name and URL forms), add package,
// nuget.config, .gitlab-ci.yml — the guide's "NuGet Packages" section.

export const NUGET_DEFAULT_PACKAGE = "MyPackage";

// nuget.config expands %NAME% (on every platform), not ${NAME}.
const configRef = (name: string) => `%${name}%`;
const configUser = (u: Username) => ("literal" in u ? u.literal : configRef(u.env));
const shellUser = (u: Username) => ("literal" in u ? u.literal : ref(u.env));

export function renderNuget(input: SnippetInput): Snippet[] {
  const urls = instanceUrls(input.instanceUrl);
  const level = input.scope.kind;
  const index = `${urls.api}/${scopePath(input.scope)}/packages/nuget/index.json`;
  const cred = input.credential;
  const token = ref(cred.token);
  const name = input.packageName !== undefined ? show(input.packageName) : NUGET_DEFAULT_PACKAGE;
  const version = input.version !== undefined ? show(input.version) : "1.0.0";
  const out: Snippet[] = [
    {
      id: `nuget-add-source-${level}`,
      title: `Add the source (${level} level)`,
      filename: "add-source.sh",
      language: "shellscript",
      tool: "dotnet",
      purpose: "setup",
      content: [
        `dotnet nuget add source "${index}" \\`,
        "  --name gitlab \\",
        `  --username ${shellUser(cred.username)} \\`,
        `  --password ${token} \\`,
        "  --store-password-in-clear-text",
      ].join("\n"),
      note: "The shell fills in the token and dotnet stores it in your user NuGet.Config — use nuget.config with %VARIABLES% where the file is shared.",
    },
  ];
  if (level === "project") {
    out.push(
      {
        id: "nuget-pack",
        title: "Build the package",
        filename: "pack.sh",
        language: "shellscript",
        tool: "dotnet",
        purpose: "publish",
        content: "dotnet pack --configuration Release",
      },
      {
        id: "nuget-push-source",
        title: "Push (source name)",
        filename: "push.sh",
        language: "shellscript",
        tool: "dotnet",
        purpose: "publish",
        content: [
          'dotnet nuget push "bin/Release/*.nupkg" \\',
          "  --source gitlab \\",
          `  --api-key ${token}`,
        ].join("\n"),
        note: "Push a new version rather than the same one again: when the group disallows duplicates GitLab answers 409.",
      },
      {
        id: "nuget-push-url",
        title: "Push (URL)",
        filename: "push-url.sh",
        language: "shellscript",
        tool: "dotnet",
        purpose: "publish",
        content: [
          'dotnet nuget push "bin/Release/*.nupkg" \\',
          `  --source "${index}" \\`,
          `  --api-key ${token}`,
        ].join("\n"),
      },
    );
  }
  out.push(
    {
      id: `nuget-add-package-${level}`,
      title: "Add the package",
      filename: "add-package.sh",
      language: "shellscript",
      tool: "dotnet",
      purpose: "install",
      content: `dotnet add package ${name} --version ${version} --source gitlab`,
    },
    {
      id: `nuget-config-${level}`,
      title: `nuget.config (${level} level)`,
      filename: "nuget.config",
      language: "xml",
      tool: "dotnet",
      purpose: "install",
      content: [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- nuget.config -->",
        "<configuration>",
        "  <packageSources>",
        `    <add key="gitlab" value="${index}" />`,
        "  </packageSources>",
        "  <packageSourceCredentials>",
        "    <gitlab>",
        `      <add key="Username" value="${configUser(cred.username)}" />`,
        `      <add key="ClearTextPassword" value="${configRef(cred.token)}" />`,
        "    </gitlab>",
        "  </packageSourceCredentials>",
        "</configuration>",
      ].join("\n"),
      note: "NuGet expands %NAME% from the environment, so the file holds no secret and can be committed.",
    },
  );
  if (level === "project") {
    out.push({
      id: "nuget-gitlab-ci",
      title: ".gitlab-ci.yml",
      filename: ".gitlab-ci.yml",
      language: "yaml",
      tool: "ci",
      purpose: "ci",
      content: [
        "publish:",
        "  image: mcr.microsoft.com/dotnet/sdk:7.0",
        "  script:",
        "    - dotnet pack --configuration Release",
        `    - dotnet nuget push "bin/Release/*.nupkg" --source "${urls.api}/projects/${ciProjectId(input.scope.id)}/packages/nuget/index.json" --api-key ${token}`,
      ].join("\n"),
    });
  }
  return out;
}
