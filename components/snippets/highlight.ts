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

export async function highlightSnippet(
  snippet: Pick<Snippet, "content" | "language">,
): Promise<string> {
  const h = await getHighlighter();
  return h.codeToHtml(snippet.content, {
    lang: snippet.language,
    themes: { light: "github-light", dark: "github-dark-default" },
    defaultColor: false,
  });
}
