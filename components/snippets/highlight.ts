// Server only: imported by server components.
import { createHighlighterCore, type HighlighterCore } from "shiki/core";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";
import type { Snippet } from "@/lib/snippets/model";

// Snippets are highlighted on the server (no highlighter shipped to the browser). Both themes
// are emitted as CSS variables; globals.css picks one by the site's .dark class.

let highlighter: Promise<HighlighterCore> | undefined;

function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [
      import("shiki/themes/github-light.mjs"),
      import("shiki/themes/github-dark-default.mjs"),
    ],
    langs: [
      import("shiki/langs/ini.mjs"),
      import("shiki/langs/shellscript.mjs"),
      import("shiki/langs/json.mjs"),
      import("shiki/langs/xml.mjs"),
      import("shiki/langs/yaml.mjs"),
    ],
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}

// The same snippet is highlighted once: a page shows 5-10 of them, and highlighting them all
// was ~20 ms of every package, project and group page's render on the bench machine. A
// snippet's text holds no secret (tokens are referenced by variable name), and its HTML is a
// few KB: 500 of them stay around a megabyte or two.
const MAX_CACHED = 500;
const cached = new Map<string, string>();

export async function highlightSnippet(
  snippet: Pick<Snippet, "content" | "language">,
): Promise<string> {
  const key = `${snippet.language}\u0000${snippet.content}`;
  const hit = cached.get(key);
  if (hit !== undefined) return hit;
  const h = await getHighlighter();
  const html = h.codeToHtml(snippet.content, {
    lang: snippet.language,
    themes: { light: "github-light", dark: "github-dark-default" },
    defaultColor: false,
  });
  // Full: the entry written longest ago goes (a Map iterates in insertion order).
  if (cached.size >= MAX_CACHED) cached.delete(cached.keys().next().value as string);
  cached.set(key, html);
  return html;
}
