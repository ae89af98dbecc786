import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbInput, build } from "@/lib/testing/snippet-arb";
import { renderSnippets } from "./index";
import {
  credentialFor,
  envVar,
  literalUsername,
  looksLikeToken,
  PACKAGE_TYPES,
  type SnippetInput,
} from "./model";

// Rules that hold for every input, not just the guide's: no secret can get in, group scope is
// pull-only (file formats: file-formats.test.ts).

describe("a token value cannot get into a snippet", () => {
  it("refuses anything that is not an environment variable name where a token goes", () => {
    for (const bad of [
      "glpat-abcdefghijklmnop1234",
      "gldt-xyz",
      "glcbt-64_1234",
      "my token",
      "${X}",
      "lower",
      "",
    ]) {
      expect(() => envVar(bad)).toThrow();
    }
    fc.assert(
      fc.property(fc.string(), (s) => {
        if (/^[A-Z][A-Z0-9_]*$/.test(s)) return;
        expect(() => envVar(s)).toThrow();
      }),
    );
  });

  it("refuses a token pasted where a username goes", () => {
    for (const t of [
      "glpat-abcdefghijklmnop1234",
      "gldt-Ab12",
      "GLCBT-64_x",
      "glrt-abc",
      "a b",
      "x\ny",
    ]) {
      expect(() => literalUsername(t)).toThrow();
      expect(() => credentialFor("deploy-token", { username: t })).toThrow();
    }
    expect(looksLikeToken("glenn-smith")).toBe(false);
    expect(literalUsername("gitlab+deploy-token-7")).toEqual({ literal: "gitlab+deploy-token-7" });
  });

  it("every ${…} in every snippet is a variable the credential or the CI names, never a value", () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const input = build(a);
        const allowed = new Set([
          input.credential.token,
          "DEPLOY_TOKEN_USERNAME",
          "GITLAB_USERNAME",
          "CI_SERVER_HOST",
          "CI_PROJECT_ID",
          "CI_API_V4_URL",
          "CI_COMMIT_TAG",
          "APPDATA", // the pip.ini path on Windows, in a comment
        ]);
        for (const s of renderSnippets(a.type, input).snippets) {
          for (const m of s.content.matchAll(/\$\{([^}]*)\}|%([A-Z_]+)%/g)) {
            expect(allowed, `${s.id}: ${m[0]}`).toContain(m[1] ?? m[2]);
          }
          expect(s.content).not.toMatch(/gl(pat|dt|cbt)-/);
        }
      }),
    );
  });
});

describe("scope rules", () => {
  it("group scope never offers a publish or CI snippet, nor a publishing command", () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const set = renderSnippets(a.type, build({ ...a, scope: "group" }));
        for (const s of set.snippets) {
          expect(["setup", "install"]).toContain(s.purpose);
          expect(s.content).not.toMatch(
            /npm publish|twine upload|mvn deploy|nuget push|--upload-file|distributionManagement/,
          );
          expect(s.content).not.toContain("/projects/");
        }
        expect(set.notes.map((n) => n.id)).toContain("group-pull-only");
      }),
    );
  });

  it("project scope offers publishing for every type, and a CI file", () => {
    for (const type of PACKAGE_TYPES) {
      const set = renderSnippets(
        type,
        build({
          type,
          kind: "job-token",
          scope: "project",
          id: 5,
          instanceUrl: "http://localhost:4999",
          username: undefined,
          version: undefined,
        }),
      );
      expect(
        set.snippets.some((s) => s.purpose === "publish"),
        type,
      ).toBe(true);
      expect(
        set.snippets.some((s) => s.purpose === "ci"),
        type,
      ).toBe(true);
    }
  });

  it("generic has no group endpoint, and says so", () => {
    const set = renderSnippets(
      "generic",
      build({
        type: "generic",
        kind: "access-token",
        scope: "group",
        id: 101,
        instanceUrl: "http://localhost:4999",
        username: undefined,
        version: undefined,
      }),
    );
    expect(set.snippets).toEqual([]);
    expect(set.notes.find((n) => n.id === "generic-no-group")?.level).toBe("warning");
  });

  it("warns when an npm package's scope does not match the group's root namespace", () => {
    const base = {
      instanceUrl: "http://localhost:4999",
      scope: { kind: "group" as const, id: 101 },
      credential: credentialFor("deploy-token"),
      rootNamespace: "platon",
    };
    const ids = (name: string) =>
      renderSnippets("npm", { ...base, packageName: name }).notes.map((n) => n.id);
    expect(ids("@acme/widgets")).toContain("npm-scope-mismatch");
    expect(ids("@platon/ui-kit")).not.toContain("npm-scope-mismatch");
    expect(ids("@Platon/ui-kit")).not.toContain("npm-scope-mismatch");
  });

  it("snippet ids are unique within a set", () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const ids = renderSnippets(a.type, build(a)).snippets.map((s) => s.id);
        expect(new Set(ids).size).toBe(ids.length);
      }),
    );
  });

  it("PyPI project setups carry the duplicate-400 rule", () => {
    const set = renderSnippets(
      "pypi",
      build({
        type: "pypi",
        kind: "job-token",
        scope: "project",
        id: 1,
        instanceUrl: "http://localhost:4999",
        username: undefined,
        version: undefined,
      }),
    );
    expect(set.notes.find((n) => n.id === "pypi-duplicate-400")?.text).toMatch(/400/);
  });
});

describe("credentials name the header and username each tool needs", () => {
  it.each([
    [
      "job-token",
      "JOB-TOKEN: ${CI_JOB_TOKEN}",
      "<name>Job-Token</name>",
      "gitlab-ci-token:${CI_JOB_TOKEN}@",
    ],
    [
      "deploy-token",
      "DEPLOY-TOKEN: ${DEPLOY_TOKEN}",
      "<name>Deploy-Token</name>",
      "${DEPLOY_TOKEN_USERNAME}:${DEPLOY_TOKEN}@",
    ],
    [
      "access-token",
      "PRIVATE-TOKEN: ${GITLAB_TOKEN}",
      "<name>Private-Token</name>",
      "${GITLAB_USERNAME}:${GITLAB_TOKEN}@",
    ],
  ] as const)("%s", (kind, curlHeader, mavenHeader, pipUserinfo) => {
    const input: SnippetInput = {
      instanceUrl: "https://gitlab.example.com",
      scope: { kind: "project", id: 42 },
      credential: credentialFor(kind),
    };
    const text = (type: (typeof PACKAGE_TYPES)[number]) =>
      renderSnippets(type, input)
        .snippets.map((s) => s.content)
        .join("\n");
    expect(text("generic")).toContain(curlHeader);
    expect(text("maven")).toContain(mavenHeader);
    expect(text("pypi")).toContain(
      `https://${pipUserinfo}gitlab.example.com/api/v4/projects/42/packages/pypi/simple`,
    );
  });

  it("a deploy token's literal username is used as given", () => {
    const input: SnippetInput = {
      instanceUrl: "http://localhost:4999",
      scope: { kind: "project", id: 3 },
      credential: credentialFor("deploy-token", { username: "gitlab+deploy-token-7" }),
    };
    const all = renderSnippets("pypi", input)
      .snippets.map((s) => s.content)
      .join("\n");
    expect(all).toContain(
      "http://gitlab+deploy-token-7:${DEPLOY_TOKEN}@localhost:4999/api/v4/projects/3/packages/pypi/simple",
    );
    expect(all).toContain("username = gitlab+deploy-token-7");
  });
});
