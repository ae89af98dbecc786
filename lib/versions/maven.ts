import { compareDigits } from "./natural";

// A port of Maven 3.9's org.apache.maven.artifact.versioning.ComparableVersion (maven-artifact
// 3.9.x: MNG-5568, MNG-6572, MNG-6964 and MNG-7644 behaviour). Every string parses; the order is
// Maven's, e.g. 1-alpha2 < 1-beta-2 < 1-m2 < 1-rc < 1-SNAPSHOT < 1 = 1.0 = 1-ga < 1-sp < 1-abc < 1-1.
// Int, Long and BigInteger items collapse into one numeric item compared by value, which is what
// Maven's three classes amount to once leading zeroes are stripped.
//
// Known difference: Java's Character.isDigit also accepts non-ASCII digits; only 0-9 count here.

type MavenItem =
  | { kind: "num"; value: string } // digits, no leading zeroes
  | { kind: "str"; value: string } // lower-case qualifier after aliasing
  | { kind: "list"; items: MavenItem[] };

const QUALIFIERS = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
const ALIASES: Record<string, string> = { ga: "", final: "", release: "", cr: "rc" };
const RELEASE_VERSION_INDEX = String(QUALIFIERS.indexOf(""));
const PRERELEASE_QUALIFIERS = new Set(["alpha", "beta", "milestone", "rc", "snapshot"]);

/** Known qualifiers by index, unknown ones after all of them in lexical order. */
function comparableQualifier(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function stringItem(value: string, followedByDigit: boolean): MavenItem {
  if (followedByDigit && value.length === 1) {
    // a1 = alpha-1, b1 = beta-1, m1 = milestone-1
    value = value === "a" ? "alpha" : value === "b" ? "beta" : value === "m" ? "milestone" : value;
  }
  return { kind: "str", value: Object.hasOwn(ALIASES, value) ? ALIASES[value] : value };
}

function parseItem(isDigit: boolean, buf: string): MavenItem {
  if (isDigit) return { kind: "num", value: buf.replace(/^0+/, "") || "0" };
  return stringItem(buf, false);
}

function isNull(item: MavenItem): boolean {
  if (item.kind === "num") return item.value === "0";
  if (item.kind === "str") return comparableQualifier(item.value) === RELEASE_VERSION_INDEX;
  return item.items.length === 0;
}

/** Removes trailing null items (0, "", empty lists), looking through trailing sub-lists. */
function normalize(list: MavenItem[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const last = list[i];
    if (isNull(last)) list.splice(i, 1);
    else if (last.kind !== "list") break;
  }
}

const isDigitChar = (c: string) => c >= "0" && c <= "9";

export function parseMavenVersion(version: string): MavenItem {
  const root: MavenItem[] = [];
  const stack: MavenItem[][] = [root];
  let list = root;
  const v = version.toLowerCase();
  let isDigit = false;
  let start = 0;
  const pushList = () => {
    const next: MavenItem[] = [];
    list.push({ kind: "list", items: next });
    stack.push(next);
    list = next;
  };

  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === "." || c === "-") {
      list.push(i === start ? { kind: "num", value: "0" } : parseItem(isDigit, v.slice(start, i)));
      start = i + 1;
      if (c === "-") pushList();
    } else if (isDigitChar(c)) {
      if (!isDigit && i > start) {
        // 1.0.0.X1 < 1.0.0-X2: treat .X as -X for any string qualifier X
        if (list.length > 0) pushList();
        list.push(stringItem(v.slice(start, i), true));
        start = i;
        pushList();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.push(parseItem(true, v.slice(start, i)));
        start = i;
        pushList();
      }
      isDigit = false;
    }
  }
  if (v.length > start) {
    if (!isDigit && list.length > 0) pushList();
    list.push(parseItem(isDigit, v.slice(start)));
  }
  while (stack.length > 0) normalize(stack.pop()!);
  return { kind: "list", items: root };
}

function compareItem(a: MavenItem, b: MavenItem | null): number {
  if (a.kind === "num") {
    if (b === null) return a.value === "0" ? 0 : 1; // 1.0 == 1, 1.1 > 1
    return b.kind === "num" ? compareDigits(a.value, b.value) : 1; // 1.1 > 1-sp, 1.1 > 1-1
  }
  if (a.kind === "str") {
    // 1-rc < 1, 1-sp > 1
    if (b === null) return compareStrings(comparableQualifier(a.value), RELEASE_VERSION_INDEX);
    if (b.kind === "str") {
      return compareStrings(comparableQualifier(a.value), comparableQualifier(b.value));
    }
    return -1; // 1.any < 1.1, 1.any < 1-1
  }
  if (b === null) {
    // MNG-6964: compare every item with null, not just the first
    for (const item of a.items) {
      const r = compareItem(item, null);
      if (r !== 0) return r;
    }
    return 0;
  }
  if (b.kind === "num") return -1; // 1-1 < 1.0.x
  if (b.kind === "str") return 1; // 1-1 > 1-sp
  const n = Math.max(a.items.length, b.items.length);
  for (let i = 0; i < n; i++) {
    const l = a.items[i] ?? null;
    const r = b.items[i] ?? null;
    const result = l === null ? (r === null ? 0 : -1 * compareItem(r, null)) : compareItem(l, r);
    if (result !== 0) return result;
  }
  return 0;
}

const cache = new Map<string, MavenItem>();
const CACHE_LIMIT = 10_000;

function parsedCached(version: string): MavenItem {
  let parsed = cache.get(version);
  if (!parsed) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    parsed = parseMavenVersion(version);
    cache.set(version, parsed);
  }
  return parsed;
}

export function compareMaven(a: string, b: string): number {
  return Math.sign(compareItem(parsedCached(a), parsedCached(b)));
}

/** Maven's canonical form (ComparableVersion.getCanonical), handy for debugging and tests. */
export function mavenCanonical(version: string): string {
  const render = (item: MavenItem): string => {
    if (item.kind !== "list") return item.value;
    let out = "";
    for (const child of item.items) {
      if (out.length > 0) out += child.kind === "list" ? "-" : ".";
      out += render(child);
    }
    return out;
  };
  return render(parsedCached(version));
}

/** alpha, beta, milestone, rc/cr or snapshot anywhere in the version. */
export function isMavenPrerelease(version: string): boolean {
  const walk = (item: MavenItem): boolean =>
    item.kind === "list"
      ? item.items.some(walk)
      : item.kind === "str" && PRERELEASE_QUALIFIERS.has(item.value);
  return walk(parsedCached(version));
}
