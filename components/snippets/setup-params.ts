import {
  createLoader,
  createSerializer,
  parseAsInteger,
  parseAsString,
  parseAsStringLiteral,
} from "nuqs/server";
import { CREDENTIAL_KINDS, PACKAGE_TYPES, SCOPE_KINDS } from "@/lib/snippets/model";

// "Set me up" URL state (nuqs), named as GET /api/snippets names them so a link reproduces
// the wizard or panel exactly: /setup?type=npm&scope=project&scope_id=4&auth=deploy-token&
// username=gitlab%2Bdeploy-token-7. `tool` narrows to one client; blank means all.

export const setupParsers = {
  type: parseAsStringLiteral(PACKAGE_TYPES),
  scope: parseAsStringLiteral(SCOPE_KINDS),
  scope_id: parseAsInteger,
  auth: parseAsStringLiteral(CREDENTIAL_KINDS),
  username: parseAsString.withDefault(""),
  package: parseAsString.withDefault(""),
  version: parseAsString.withDefault(""),
  tool: parseAsString.withDefault(""),
};

export const loadSetupParams = createLoader(setupParsers);
export const serializeSetup = createSerializer(setupParsers);

export type SetupState = Awaited<ReturnType<typeof loadSetupParams>>;

/** Tools per type, in the order the wizard offers them (ci = the .gitlab-ci.yml). */
export const TOOLS: Record<(typeof PACKAGE_TYPES)[number], Array<{ id: string; label: string }>> = {
  npm: [
    { id: "npm", label: "npm" },
    { id: "ci", label: "GitLab CI" },
  ],
  pypi: [
    { id: "pip", label: "pip" },
    { id: "twine", label: "twine" },
    { id: "ci", label: "GitLab CI" },
  ],
  maven: [
    { id: "mvn", label: "Maven" },
    { id: "ci", label: "GitLab CI" },
  ],
  nuget: [
    { id: "dotnet", label: "dotnet" },
    { id: "ci", label: "GitLab CI" },
  ],
  generic: [
    { id: "curl", label: "curl" },
    { id: "wget", label: "wget" },
    { id: "ci", label: "GitLab CI" },
  ],
};

export const TYPE_LABELS: Record<(typeof PACKAGE_TYPES)[number], string> = {
  npm: "npm",
  pypi: "PyPI",
  maven: "Maven",
  nuget: "NuGet",
  generic: "Generic",
};
