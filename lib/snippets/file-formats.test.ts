import fc from "fast-check";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parse as parseIni } from "ini";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { arbInput, build } from "@/lib/testing/snippet-arb";
import { renderSnippets } from "./index";
import { credentialFor, type SnippetInput } from "./model";

// For every input, every snippet file parses as what it claims to be.

describe("every file parses as what it claims to be", () => {
  it("XML, YAML, JSON and INI snippets parse, and the parsed values are the rendered URLs", () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const input = build(a);
        for (const s of renderSnippets(a.type, input).snippets) {
          if (s.language === "xml") {
            expect(XMLValidator.validate(s.content), s.id).toBe(true);
            new XMLParser().parse(s.content);
          }
          if (s.language === "yaml") expect(typeof parseYaml(s.content), s.id).toBe("object");
          if (s.language === "json") JSON.parse(s.content);
          if (s.language === "ini") {
            const parsed = parseIni(s.content);
            if (s.id.startsWith("npm-npmrc")) {
              const key = Object.keys(parsed).find((k) => k.endsWith(":registry"))!;
              expect(String(parsed[key])).toMatch(/^https?:\/\/.+\/packages\/npm\/$/);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("the .pypirc names the repository the way twine reads it", () => {
    const input: SnippetInput = {
      instanceUrl: "https://git.example.org:8443/gitlab",
      scope: { kind: "project", id: 9 },
      credential: credentialFor("job-token"),
    };
    const pypirc = renderSnippets("pypi", input).snippets.find((s) => s.id === "pypi-pypirc")!;
    const parsed = parseIni(pypirc.content) as Record<string, Record<string, string>>;
    expect(parsed.gitlab.repository).toBe(
      "https://git.example.org:8443/gitlab/api/v4/projects/9/packages/pypi",
    );
    expect(parsed.gitlab.username).toBe("gitlab-ci-token");
  });
});
