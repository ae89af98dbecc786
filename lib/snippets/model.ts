// The inputs every snippet renderer takes, and the one rule they share: a credential is only
// ever a *reference* to an environment variable (`${NAME}`), never a value. The types make a
// token value impossible to pass: a token is an EnvVarName, which only `envVar()` can make and
// which must look like `CI_JOB_TOKEN`, not like `glpat-…`.

export const PACKAGE_TYPES = ["npm", "pypi", "maven", "nuget", "generic"] as const;
export type PackageType = (typeof PACKAGE_TYPES)[number];

export const CREDENTIAL_KINDS = ["job-token", "deploy-token", "access-token"] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const SCOPE_KINDS = ["project", "group"] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

declare const envVarBrand: unique symbol;
/** The name of an environment variable, e.g. `CI_JOB_TOKEN`. Build with `envVar()`. */
export type EnvVarName = string & { readonly [envVarBrand]: true };

export const ENV_VAR_PATTERN = /^[A-Z][A-Z0-9_]*$/;

export function envVar(name: string): EnvVarName {
  if (!ENV_VAR_PATTERN.test(name)) {
    throw new Error(`"${name}" is not an environment variable name (A–Z, 0–9, _).`);
  }
  return name as EnvVarName;
}

/** `${NAME}` — how every snippet refers to a variable. */
export const ref = (name: EnvVarName) => "${" + name + "}";

/** A value that is either known (rendered as is) or left to the reader as `${NAME}`. */
export type Value = string | number | { env: EnvVarName };

export const show = (v: Value): string => (typeof v === "object" ? ref(v.env) : String(v));

export const isPlaceholder = (v: Value): v is { env: EnvVarName } => typeof v === "object";

/** Usernames are not secrets: a literal (`gitlab+deploy-token-7`) or a variable. */
export type Username = { literal: string } | { env: EnvVarName };

export const USERNAME_PATTERN = /^[A-Za-z0-9._+@-]{1,255}$/;

/**
 * GitLab's token prefixes (personal, deploy, CI job, OAuth, feed, runner, trigger, …). A value
 * that starts like one was pasted into the wrong field; refuse it rather than print it.
 */
const TOKEN_PREFIX =
  /^(gl(pat|dt|cbt|oas|ft|rt|rtr|ptt|imt|agent|soat|ffct|tst|wt|incoming)-|GR1348941)/i;
export const looksLikeToken = (s: string) => TOKEN_PREFIX.test(s.trim());

export function literalUsername(name: string): Username {
  if (!USERNAME_PATTERN.test(name) || looksLikeToken(name)) {
    throw new Error(`"${name}" is not a GitLab username.`);
  }
  return { literal: name };
}

export const showUsername = (u: Username): string => ("literal" in u ? u.literal : ref(u.env));

export type Credential = {
  kind: CredentialKind;
  /** The variable that holds the secret. */
  token: EnvVarName;
  /** The username HTTP Basic clients (pip, twine, NuGet, Maven) must send with it. */
  username: Username;
};

/** The credential the portal offers for a kind, with the variable names it recommends. */
export function credentialFor(kind: CredentialKind, opts: { username?: string } = {}): Credential {
  switch (kind) {
    case "job-token":
      return { kind, token: envVar("CI_JOB_TOKEN"), username: literalUsername("gitlab-ci-token") };
    case "deploy-token":
      return {
        kind,
        token: envVar("DEPLOY_TOKEN"),
        username: opts.username
          ? literalUsername(opts.username)
          : { env: envVar("DEPLOY_TOKEN_USERNAME") },
      };
    case "access-token":
      return {
        kind,
        token: envVar("GITLAB_TOKEN"),
        username: opts.username
          ? literalUsername(opts.username)
          : { env: envVar("GITLAB_USERNAME") },
      };
  }
}

/** Header names GitLab takes on package routes: generic/curl style and Maven's style. */
export const TOKEN_HEADERS: Record<CredentialKind, { upper: string; title: string }> = {
  "job-token": { upper: "JOB-TOKEN", title: "Job-Token" },
  "deploy-token": { upper: "DEPLOY-TOKEN", title: "Deploy-Token" },
  "access-token": { upper: "PRIVATE-TOKEN", title: "Private-Token" },
};

export type SnippetScope = { kind: ScopeKind; id: Value };

export type SnippetInput = {
  /** The GitLab instance, e.g. `https://gitlab.example.com` or `http://localhost:4999`. */
  instanceUrl: string;
  scope: SnippetScope;
  credential: Credential;
  /** Package name and version; each renderer has the guide's example as its default. */
  packageName?: Value;
  version?: Value;
  /** npm only: `@scope` (from the package name when absent). */
  npmScope?: string;
  /** The top-level group of the scope, for the npm group-endpoint rule. */
  rootNamespace?: string;
  /** Generic only: the file to upload or download. */
  fileName?: string;
};

export const SNIPPET_PURPOSES = ["setup", "publish", "install", "ci"] as const;
export type SnippetPurpose = (typeof SNIPPET_PURPOSES)[number];

export type Snippet = {
  /** Stable id, e.g. `npm-npmrc-project`. */
  id: string;
  title: string;
  /** The file it belongs in, or a script name for commands. */
  filename: string;
  /** A shiki language id. */
  language: "ini" | "shellscript" | "json" | "xml" | "yaml";
  content: string;
  /** The tool it is for (the wizard's last step). */
  tool: string;
  purpose: SnippetPurpose;
  /** Why / what to watch out for, shown under the block. */
  note?: string;
};

export type SnippetNote = { id: string; level: "info" | "warning"; text: string };

export type SnippetSet = { snippets: Snippet[]; notes: SnippetNote[] };
