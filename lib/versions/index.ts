import { compareGeneric, isGenericPrerelease } from "./generic";
import { compareMaven, isMavenPrerelease } from "./maven";
import { compareNpm, isNpmPrerelease } from "./npm";
import { compareNuGet, isNuGetPrerelease } from "./nuget";
import { comparePypi, isPypiPrerelease } from "./pypi";

export type PackageType = "npm" | "pypi" | "maven" | "nuget" | "generic";

export const PACKAGE_TYPES: readonly PackageType[] = ["npm", "pypi", "maven", "nuget", "generic"];

export function isPackageType(value: string): value is PackageType {
  return (PACKAGE_TYPES as readonly string[]).includes(value);
}

interface Ecosystem {
  compare: (a: string, b: string) => number;
  isPrerelease: (v: string) => boolean;
}

const ECOSYSTEMS: Record<PackageType, Ecosystem> = {
  npm: { compare: compareNpm, isPrerelease: isNpmPrerelease },
  pypi: { compare: comparePypi, isPrerelease: isPypiPrerelease },
  maven: { compare: compareMaven, isPrerelease: isMavenPrerelease },
  nuget: { compare: compareNuGet, isPrerelease: isNuGetPrerelease },
  generic: { compare: compareGeneric, isPrerelease: isGenericPrerelease },
};

// GitLab has more types (conan, helm, golang, …): they use the generic natural order.
const ecosystem = (type: string): Ecosystem =>
  isPackageType(type) ? ECOSYSTEMS[type] : ECOSYSTEMS.generic;

const isBlank = (v: string | null | undefined): v is null | undefined | "" =>
  v === null || v === undefined || v.trim() === "";

/**
 * Orders two versions by the ecosystem's own rules: -1, 0 or 1. Missing versions sort lowest;
 * strings the ecosystem cannot parse sort below every valid version (natural order among
 * themselves). 0 means "same version": break ties with created_at (see sortVersionsDesc).
 */
export function compareVersions(
  type: PackageType | (string & {}),
  a: string | null | undefined,
  b: string | null | undefined,
): number {
  const blankA = isBlank(a);
  const blankB = isBlank(b);
  if (blankA || blankB) return blankA === blankB ? 0 : blankA ? -1 : 1;
  return Math.sign(ecosystem(type).compare(a.trim(), b.trim()));
}

export function isPrerelease(type: PackageType | (string & {}), version: string | null): boolean {
  if (isBlank(version)) return false;
  return ecosystem(type).isPrerelease(version.trim());
}

type CreatedAt = Date | string | number | null | undefined;

const toTime = (value: CreatedAt): number => {
  if (value === null || value === undefined) return Number.NEGATIVE_INFINITY;
  const t = value instanceof Date ? value.getTime() : new Date(value).getTime();
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
};

/**
 * Highest version first; equal versions newest first; full ties keep their input order.
 * Returns a new array.
 */
export function sortVersionsDesc<T>(
  type: PackageType | (string & {}),
  items: readonly T[],
  getVersion: (item: T) => string | null | undefined,
  getCreatedAt: (item: T) => CreatedAt,
): T[] {
  const keyed = items.map((item, index) => ({
    item,
    index,
    version: getVersion(item),
    time: toTime(getCreatedAt(item)),
  }));
  keyed.sort(
    (x, y) =>
      compareVersions(type, y.version, x.version) ||
      (x.time === y.time ? 0 : x.time < y.time ? 1 : -1) ||
      x.index - y.index,
  );
  return keyed.map((k) => k.item);
}

export { compareGeneric, compareMaven, compareNpm, compareNuGet, comparePypi };
export { mavenCanonical } from "./maven";
