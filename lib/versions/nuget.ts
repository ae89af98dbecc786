import { compareDigits, compareWithFallback, looksLikePrerelease } from "./natural";

// NuGetVersion order: up to four numeric parts (missing parts are 0, so 1.0 == 1.0.0.0), a
// release above its prereleases, prerelease labels compared per SemVer 2 but case-insensitively
// (numeric labels by value and below alphanumeric ones), build metadata ignored.

interface NuGetVersion {
  parts: [string, string, string, string];
  labels: string[];
}

const NUGET =
  /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

const stripZeros = (s: string | undefined) => (s ?? "0").replace(/^0+(?=\d)/, "");

export function parseNuGetVersion(version: string): NuGetVersion | null {
  const m = NUGET.exec(version.trim());
  if (!m) return null;
  return {
    parts: [stripZeros(m[1]), stripZeros(m[2]), stripZeros(m[3]), stripZeros(m[4])],
    labels: m[5] ? m[5].split(".") : [],
  };
}

export function isValidNuGetVersion(version: string): boolean {
  return parseNuGetVersion(version) !== null;
}

const isNumeric = (label: string) => /^\d+$/.test(label);

function compareLabel(a: string, b: string): number {
  const na = isNumeric(a);
  const nb = isNumeric(b);
  if (na && nb) return compareDigits(stripZeros(a), stripZeros(b));
  if (na !== nb) return na ? -1 : 1;
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : 0;
}

function compareParsed(a: NuGetVersion, b: NuGetVersion): number {
  for (let i = 0; i < 4; i++) {
    const r = compareDigits(a.parts[i], b.parts[i]);
    if (r !== 0) return r;
  }
  if (a.labels.length === 0 || b.labels.length === 0) {
    return b.labels.length - a.labels.length === 0 ? 0 : a.labels.length === 0 ? 1 : -1;
  }
  const n = Math.min(a.labels.length, b.labels.length);
  for (let i = 0; i < n; i++) {
    const r = compareLabel(a.labels[i], b.labels[i]);
    if (r !== 0) return r;
  }
  return Math.sign(a.labels.length - b.labels.length);
}

export function compareNuGet(a: string, b: string): number {
  return compareWithFallback(a, b, isValidNuGetVersion, (x, y) =>
    compareParsed(parseNuGetVersion(x)!, parseNuGetVersion(y)!),
  );
}

export function isNuGetPrerelease(version: string): boolean {
  const parsed = parseNuGetVersion(version);
  if (!parsed) return looksLikePrerelease(version);
  return parsed.labels.length > 0;
}
