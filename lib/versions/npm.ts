import semver from "semver";
import { compareWithFallback, looksLikePrerelease } from "./natural";

const LOOSE = { loose: true } as const;

export function isValidNpmVersion(version: string): boolean {
  return semver.valid(version, LOOSE) !== null;
}

/** SemVer 2 precedence (loose parsing); versions semver rejects sort below valid ones. */
export function compareNpm(a: string, b: string): number {
  return compareWithFallback(a, b, isValidNpmVersion, (x, y) => semver.compare(x, y, LOOSE));
}

export function isNpmPrerelease(version: string): boolean {
  if (!isValidNpmVersion(version)) return looksLikePrerelease(version);
  return semver.prerelease(version, LOOSE) !== null;
}
