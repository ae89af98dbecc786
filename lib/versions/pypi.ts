import { compare, explain, valid } from "@renovatebot/pep440";
import { compareWithFallback, looksLikePrerelease } from "./natural";

export function isValidPypiVersion(version: string): boolean {
  return valid(version) !== null;
}

/** PEP 440 order (epochs, dev < a < b < rc < final < post, local versions); invalid ones lowest. */
export function comparePypi(a: string, b: string): number {
  return compareWithFallback(a, b, isValidPypiVersion, (x, y) => Math.sign(compare(x, y)));
}

/** PEP 440 pre-releases: a/b/rc and dev releases. */
export function isPypiPrerelease(version: string): boolean {
  const parsed = explain(version);
  if (!parsed) return looksLikePrerelease(version);
  return parsed.is_prerelease;
}
