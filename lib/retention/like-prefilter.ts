// A picomatch glob as a SQL LIKE pattern that matches at least every string the glob does
// (a superset), so the catalog query can leave out rows no glob could match; the planner
// still tests the glob exactly on what comes back. Literal characters stay literal; anything
// picomatch gives a meaning to (wildcards, classes, braces, extglobs, escapes, path
// separators and dots, which picomatch treats specially around "/" and "./") becomes "%".

/** Characters that are literal in picomatch and in LIKE alike. */
const PLAIN = /[A-Za-z0-9\-:~=^$ ]/;

const CLOSERS: Record<string, string> = { "[": "]", "{": "}", "(": ")" };

/** The LIKE pattern (backslash escapes) or null when nothing useful is left ("%" matches all). */
export function globToLike(glob: string): string | null {
  // A leading "!" (after any "./", which picomatch drops) negates the whole glob.
  if (/^(\.\/)*!/.test(glob)) return null;
  // "|" alternates between whole patterns (even outside parentheses): nothing common to keep.
  if (glob.includes("|")) return null;
  // A backslash may reach the regex as an escape of its own ("\\b" is a word boundary).
  if (glob.includes("\\")) return null;
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    // A class, brace set or group: whatever it holds is not literal; skip to its last closer.
    const closer = CLOSERS[c];
    if (closer) {
      const end = glob.lastIndexOf(closer);
      // Unclosed: what follows may be read in more than one way; keep only what came before.
      if (end <= i) {
        out += "%";
        break;
      }
      i = end;
    }
    const literal = PLAIN.test(c) || (c === "@" && glob[i + 1] !== "(") || c > "\u007f";
    if (literal) out += c;
    else if (c === "_" || c === "%") out += `\\${c}`;
    else if (!out.endsWith("%") || out.endsWith("\\%")) out += "%";
  }
  return /^%*$/.test(out) ? null : out;
}
