import { describe, expect, it } from "vitest";
import { highlightSnippet } from "./highlight";

// Highlighted snippets are kept by their text and language: a repeat must be the same HTML,
// and another text or language never an earlier snippet's.
describe("highlightSnippet", () => {
  it("answers a repeat with the same HTML, and never one snippet's HTML for another", async () => {
    const npmrc = {
      content: "@platon:registry=https://gitlab.example/api/v4/\n",
      language: "ini" as const,
    };
    const first = await highlightSnippet(npmrc);
    expect(first).toContain("registry");
    expect(await highlightSnippet({ ...npmrc })).toBe(first);

    const other = await highlightSnippet({ ...npmrc, content: "@acme:registry=https://x/\n" });
    expect(other).toContain("acme");
    expect(other).not.toContain("platon");

    const json = { content: '{"registry": "https://gitlab.example"}', language: "json" as const };
    const asIni = await highlightSnippet({ ...json, language: "ini" as const });
    expect(await highlightSnippet(json)).not.toBe(asIni);
  });
});
