import { valid as validPep440 } from "@renovatebot/pep440";
import semver from "semver";

// Is a version valid for its ecosystem's own versioning? npm: SemVer 2; PyPI: PEP 440; NuGet:
// SemVer 2 with up to four numeric parts; Maven: starts with a number, no spaces (Maven takes
// anything, but the guide asks for semantic versions); Generic: SemVer, as the guide advises.

const NUGET = /^\d+(\.\d+){1,3}(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-.]+)?$/;
const MAVEN = /^\d[0-9A-Za-z.\-_+]*$/;

export function isValidVersion(type: string, version: string | null): boolean {
  if (version === null) return type === "maven"; // Maven metadata-only packages have none
  switch (type) {
    case "npm":
    case "generic":
      return semver.valid(version) !== null;
    case "pypi":
      return validPep440(version) !== null;
    case "nuget":
      return NUGET.test(version);
    case "maven":
      return MAVEN.test(version);
    default:
      return true;
  }
}

export const VERSIONING: Record<string, string> = {
  npm: "semantic versioning (SemVer 2.0, e.g. 1.4.2)",
  generic: "semantic versioning (e.g. 1.4.2), as the registry guide advises",
  pypi: "PEP 440 (e.g. 1.4.2, 1.5.0rc1)",
  nuget: "NuGet's SemVer 2.0 (e.g. 1.4.2 or 1.4.2.1)",
  maven: "a version starting with a number (e.g. 1.4.2 or 1.5-SNAPSHOT)",
};
