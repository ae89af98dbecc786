import { AppError } from "@/lib/errors";

// A NUL byte or broken UTF-8 in a parameter is refused with 422 naming it, before zod, SQL
// (PostgreSQL rejects NUL in text: that was a 500) or GitLab see it. Query and path are read
// raw, because URLSearchParams and Next's params quietly turn %FF into U+FFFD.

const strict = new TextDecoder("utf-8", { fatal: true });
/** A percent escape, a control character (NUL among them) or anything past ASCII. */
const PLAIN_NEEDS_DECODING = /[^\x20-\x7e]|%/;

/** Percent-decodes strictly: null when the bytes are not UTF-8. */
export function decodeStrict(raw: string, plusIsSpace = false): string | null {
  const text = plusIsSpace ? raw.replace(/\+/g, " ") : raw;
  // Printable ASCII and no escapes (most parameters): already the text, byte for byte.
  if (!PLAIN_NEEDS_DECODING.test(text)) return text;
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === "%" && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      bytes.push(...enc.encode(String.fromCodePoint(cp)));
    }
  }
  try {
    return strict.decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

const bad = (where: string, name: string) =>
  new AppError(
    "invalid_input",
    `Invalid ${where} parameter "${name}": must be UTF-8 text without NUL bytes`,
    { issues: [{ path: name, message: "invalid UTF-8 or NUL byte" }] },
  );

export function assertCleanQuery(search: string): void {
  for (const pair of search.replace(/^\?/, "").split("&")) {
    if (!pair) continue;
    const [rawName, rawValue = ""] = pair.split(/=(.*)/s);
    const name = decodeStrict(rawName, true);
    const value = decodeStrict(rawValue, true);
    if (name === null || name.includes("\0")) throw bad("query", name?.replace(/\0/g, "") ?? "?");
    if (value === null || value.includes("\0")) throw bad("query", name);
  }
}

/** Raw path segments must decode as UTF-8 without NUL; names the route param when it can. */
export function assertCleanPath(pathname: string, params: Record<string, unknown>): void {
  for (const segment of pathname.split("/")) {
    const decoded = decodeStrict(segment);
    if (decoded !== null && !decoded.includes("\0")) continue;
    const name =
      Object.entries(params).find(
        ([, v]) =>
          typeof v === "string" && (v.includes("\0") || v.includes("\uFFFD") || v === segment),
      )?.[0] ?? "path";
    throw bad("path", name);
  }
}

/** The body as text, refusing bytes that are not UTF-8. */
export async function readUtf8Body(req: Request): Promise<string> {
  const buf = await req.arrayBuffer();
  try {
    return strict.decode(buf);
  } catch {
    throw new AppError("invalid_input", "The request body must be UTF-8 JSON.");
  }
}

/** Every string (and key) of a JSON value must be free of NUL. */
export function assertCleanJson(value: unknown, at = ""): void {
  if (typeof value === "string") {
    if (value.includes("\0")) throw bad("body", at || "body");
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertCleanJson(v, at ? `${at}.${i}` : String(i)));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const key = at ? `${at}.${k}` : k;
      if (k.includes("\0")) throw bad("body", key.replace(/\0/g, ""));
      assertCleanJson(v, key);
    }
  }
}
