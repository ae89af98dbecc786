// A natural ("human") version order shared by the generic ecosystem and as the fallback for
// strings an ecosystem's own grammar rejects. It is a lexicographic order over tokens, so it is
// a genuine total preorder (antisymmetric and transitive), and it agrees with SemVer on the
// usual shapes: "1.0.0-beta.2" < "1.0.0-beta.11" < "1.0.0" < "1.0.1" < "1.0.10".

// Rank of a token kind at a position where two versions first differ; End is "no more tokens".
// A "-" run that follows something marks a prerelease, which sorts below the bare release.
const TokenKind = { Pre: 0, End: 1, Num: 2, Str: 3 } as const;
type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

export type NaturalToken = { kind: TokenKind; text: string };
type Token = NaturalToken;

const END: Token = { kind: TokenKind.End, text: "" };

export function tokenizeNatural(version: string): Token[] {
  let v = version.trim();
  const plus = v.indexOf("+");
  if (plus > 0) v = v.slice(0, plus); // build metadata never orders
  if (/^v\d/i.test(v)) v = v.slice(1);
  const tokens: Token[] = [];
  for (const m of v.matchAll(/\d+|\D+/g)) {
    const text = m[0];
    if (/^\d/.test(text)) tokens.push({ kind: TokenKind.Num, text: text.replace(/^0+(?=\d)/, "") });
    else if (text.startsWith("-") && tokens.length > 0) tokens.push({ kind: TokenKind.Pre, text });
    else tokens.push({ kind: TokenKind.Str, text });
  }
  return tokens;
}

/** Compares digit strings without leading zeros by value, at any length. */
export function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareText(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareToken(a: Token, b: Token): number {
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  if (a.kind === TokenKind.Num) return compareDigits(a.text, b.text);
  return compareText(a.text, b.text);
}

export function compareNatural(a: string, b: string): number {
  const ta = tokenizeNatural(a);
  const tb = tokenizeNatural(b);
  const n = Math.max(ta.length, tb.length);
  for (let i = 0; i < n; i++) {
    const r = compareToken(ta[i] ?? END, tb[i] ?? END);
    if (r !== 0) return r;
  }
  return 0;
}

const PRERELEASE_WORD =
  /(^|[^a-z])(alpha|beta|a|b|rc|cr|pre|preview|dev|snapshot|canary|nightly|milestone|m)(\d|[^a-z]|$)/i;

/** Heuristic for versions no grammar describes: a "-" suffix or a well-known prerelease word. */
export function looksLikePrerelease(version: string): boolean {
  const tokens = tokenizeNatural(version);
  if (tokens.some((t) => t.kind === TokenKind.Pre)) return true;
  return PRERELEASE_WORD.test(version.replace(/\+.*$/, ""));
}

/**
 * Orders strings an ecosystem parses above those it cannot, natural order within each side:
 * a total order even when a list mixes valid and invalid versions.
 */
export function compareWithFallback(
  a: string,
  b: string,
  isValid: (v: string) => boolean,
  compareValid: (a: string, b: string) => number,
): number {
  const va = isValid(a);
  const vb = isValid(b);
  if (va && vb) return compareValid(a, b);
  if (va !== vb) return va ? 1 : -1;
  return compareNatural(a, b);
}
