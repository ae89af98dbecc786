// Which GitLab the sandbox plays (SANDBOX_GITLAB_VERSION). Only differences the portal depends
// on are modelled; each names the release that brought it (see sandbox/README.md "Versions").

export const NEWEST_VERSION = "18.6.0";
export const OLDEST_VERSION = "16.11.0";

export type GitlabVersion = { major: number; minor: number; patch: number; text: string };

export function parseVersion(text: string): GitlabVersion | null {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return null;
  return { major: +m[1], minor: +m[2], patch: +(m[3] ?? 0), text: `${m[1]}.${m[2]}.${m[3] ?? 0}` };
}

const atLeast = (v: GitlabVersion, major: number, minor: number) =>
  v.major > major || (v.major === major && v.minor >= minor);

export type Features = {
  version: GitlabVersion;
  /** Planner (15) exists, so min_access_level=15 is accepted (17.7, Gitlab::Access::PLANNER). */
  planner: boolean;
  /** Project responses carry package_registry_access_level and PUT accepts it (17.10, MR 170122). */
  registryAccessLevelApi: boolean;
};

export function features(text: string = NEWEST_VERSION): Features {
  const version = parseVersion(text);
  if (!version) throw new Error(`SANDBOX_GITLAB_VERSION must look like 17.5.0 (got "${text}")`);
  if (
    !atLeast(version, 16, 11) ||
    !atLeast(parseVersion(NEWEST_VERSION)!, version.major, version.minor)
  )
    throw new Error(
      `SANDBOX_GITLAB_VERSION ${text} is outside the modelled range ${OLDEST_VERSION}–${NEWEST_VERSION}`,
    );
  return {
    version,
    planner: atLeast(version, 17, 7),
    registryAccessLevelApi: atLeast(version, 17, 10),
  };
}

/** Access levels GitLab validates min_access_level against (Gitlab::Access.all_values). */
export function accessLevelValues(f: Features): number[] {
  return f.planner ? [10, 15, 20, 30, 40, 50] : [10, 20, 30, 40, 50];
}
