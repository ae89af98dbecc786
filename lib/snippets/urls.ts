import { show, type SnippetScope, type Value } from "./model";

// URLs built from the instance URL, correct for http and https, with or without a port and a
// path prefix (GitLab served under /gitlab). Nothing here encodes a secret: credentials in
// URLs are `${NAME}` references that the shell or the tool fills in.

export type InstanceUrls = {
  /** `https://gitlab.example.com[:port][/prefix]`, no trailing slash. */
  base: string;
  /** `${base}/api/v4`. */
  api: string;
  /** The base without its scheme (`//host[:port][/prefix]`) — npm's per-registry auth key. */
  nerfDart: string;
  /** True for `https://host` with no port or prefix — where `https://${CI_SERVER_HOST}` works. */
  plainHttps: boolean;
  /** `base` with `user:password@` in front of the host. */
  withCredentials: (user: string, password: string) => string;
};

export function instanceUrls(instanceUrl: string): InstanceUrls {
  const u = new URL(instanceUrl);
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new Error(`The instance URL must be http or https, not ${u.protocol}`);
  }
  const prefix = u.pathname.replace(/\/+$/, "");
  const hostPart = `${u.host}${prefix}`;
  const base = `${u.protocol}//${hostPart}`;
  return {
    base,
    api: `${base}/api/v4`,
    nerfDart: `//${hostPart}`,
    plainHttps: u.protocol === "https:" && !u.port && !prefix,
    withCredentials: (user, password) => `${u.protocol}//${user}:${password}@${hostPart}`,
  };
}

/** `projects/42` or `groups/7/-` — the path segment GitLab's package routes start with. */
export const scopePath = (scope: SnippetScope) =>
  scope.kind === "project" ? `projects/${show(scope.id)}` : `groups/${show(scope.id)}/-`;

/**
 * Userinfo in a URL: RFC 3986 allows unreserved and sub-delims (so `gitlab+deploy-token-7`
 * stays readable); everything else is percent-encoded. `${NAME}` references are left alone —
 * the shell replaces them before the tool sees the URL.
 */
export function userinfo(part: string): string {
  if (/^\$\{[A-Z][A-Z0-9_]*\}$/.test(part)) return part;
  return part.replace(/[^A-Za-z0-9._~!$&'()*+,;=-]/g, (c) =>
    [...new TextEncoder().encode(c)]
      .map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`)
      .join(""),
  );
}

/** A placeholder id in a CI file becomes the pipeline's own (`${CI_PROJECT_ID}`); a real one stays. */
export const ciProjectId = (id: Value) =>
  typeof id === "object" ? "${CI_PROJECT_ID}" : String(id);
