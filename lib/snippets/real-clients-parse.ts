import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parse as parseIni } from "ini";
import { parse as parseYaml } from "yaml";
import {
  credentialFor,
  CREDENTIAL_KINDS,
  PACKAGE_TYPES,
  renderSnippets,
  SCOPE_KINDS,
  type Snippet,
} from "./index";

// Test support for real-clients-npm-pypi.int.test.ts: every file-shaped snippet, for every type, scope
// and credential, parsed by the parser its tool's format needs. Throws naming the snippet.

function check(s: Snippet, where: string) {
  const fail = (why: string) => {
    throw new Error(`${where} ${s.id} (${s.filename}): ${why}\n${s.content}`);
  };
  switch (s.language) {
    case "xml": {
      const ok = XMLValidator.validate(s.content);
      if (ok !== true) fail(ok.err.msg);
      new XMLParser().parse(s.content);
      return;
    }
    case "ini": {
      const parsed = parseIni(s.content) as Record<string, unknown>;
      if (Object.keys(parsed).length === 0) fail("no keys");
      return;
    }
    case "yaml": {
      const doc = parseYaml(s.content) as Record<string, { script?: unknown }>;
      for (const job of Object.values(doc)) {
        if (!Array.isArray(job.script) || !job.script.every((l) => typeof l === "string")) {
          fail("every job needs a script list of strings");
        }
      }
      return;
    }
    case "json":
      JSON.parse(s.content);
      return;
    case "shellscript":
      return;
  }
}

/** Parses every rendered file; returns how many were parsed. */
export function parseEveryRenderedFile(instanceUrl: string): number {
  let n = 0;
  for (const type of PACKAGE_TYPES) {
    for (const scope of SCOPE_KINDS) {
      for (const kind of CREDENTIAL_KINDS) {
        const { snippets } = renderSnippets(type, {
          instanceUrl,
          scope: { kind: scope, id: scope === "project" ? 2 : 101 },
          credential: credentialFor(kind),
          packageName: type === "npm" ? "@platon/x" : type === "maven" ? "com/example/x" : "x",
          version: "1.0.0",
          rootNamespace: "platon",
        });
        for (const s of snippets) {
          if (s.language === "shellscript") continue;
          check(s, `${type}/${scope}/${kind}`);
          n++;
        }
      }
    }
  }
  return n;
}
