import { compareNatural, looksLikePrerelease } from "./natural";

// Generic packages carry any version string. Natural order (numeric runs as numbers, a "-"
// suffix as a prerelease, "+build" ignored) agrees with SemVer on SemVer-shaped versions, so it
// is used for every pair: switching to semver only for pairs that both parse would make the
// order intransitive across mixed lists (1.0.0 < 1.0.0- < 1.0.0-beta < 1.0.0).
export function compareGeneric(a: string, b: string): number {
  return compareNatural(a, b);
}

export function isGenericPrerelease(version: string): boolean {
  return looksLikePrerelease(version);
}
