import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sandboxUrl } from "@/lib/testing/catalog-kit";
import {
  buildWheel,
  debianPythonBin,
  envsubst,
  render,
  sh,
  snippet,
  tempDir,
  writeFiles,
} from "@/lib/testing/real-clients-kit";
import {
  CLIENT_TIMEOUT,
  GROUP,
  PROJECT,
  deployEnv,
  expectSyncedCatalog,
  deployTokensPerFile,
} from "@/lib/testing/real-clients-suite";
import { parseEveryRenderedFile } from "./real-clients-parse";

// Issue 9 item 5: the rendered "Set me up" snippets, written into a temporary HOME and project,
// run with the real clients against the sandbox — and refused where GitLab refuses: a
// duplicate version, a read-only deploy token publishing, an anonymous pull of a private
// registry. This file: npm and pip/twine (Debian's), and every rendered file parsed.
// real-clients-curl-maven.int.test.ts: Generic (curl, wget), NuGet and Maven (mvn).

const tokens = deployTokensPerFile();

describe.concurrent("the rendered snippets with real clients: npm, PyPI", () => {
  it(
    "npm: publish with the project .npmrc + publishConfig, install from project and group",
    async () => {
      const name = "@platon/snippet-proof";
      const home = await tempDir("npm");
      const opts = { scope: "project" as const, id: PROJECT, auth: "deploy-token" as const };
      const project = render("npm", { ...opts, packageName: name, version: "1.0.0" });
      const pkgDir = path.join(home, "pkg");
      await writeFiles(pkgDir, {
        ".npmrc": snippet(project, "npm-npmrc-project"),
        "package.json": snippet(project, "npm-package-json"),
        "index.js": "module.exports = 'snippet proof';\n",
      });
      const run = (script: string, cwd: string, env: Record<string, string>) =>
        sh(script, { cwd, home, env });

      const publish = await run(snippet(project, "npm-publish"), pkgDir, deployEnv(tokens.write));
      expect(publish.code, publish.out).toBe(0);

      // Same name and version again: npm 10 reads the packument first and refuses before it
      // PUTs; with --force it sends the PUT and GitLab's 403 comes back.
      const duplicate = async () => {
        const dup = await run(snippet(project, "npm-publish"), pkgDir, deployEnv(tokens.write));
        const forced = await run("npm publish --force", pkgDir, deployEnv(tokens.write));
        return { dup, forced };
      };
      // A read-only deploy token cannot publish, even a new version.
      const readOnly = async () => {
        const next = render("npm", { ...opts, packageName: name, version: "1.0.1" });
        const dir = path.join(home, "pkg-next");
        await writeFiles(dir, {
          ".npmrc": snippet(next, "npm-npmrc-project"),
          "package.json": snippet(next, "npm-package-json"),
          "index.js": "module.exports = 'next';\n",
        });
        return run(snippet(next, "npm-publish"), dir, deployEnv(tokens.read));
      };

      // Install from the project endpoint and from the group endpoint (the scope is the root
      // namespace, so the group serves it), each in a fresh consumer project.
      const install = async (npmrc: string, script: string, env: Record<string, string>) => {
        const dir = await tempDir("npm-consumer");
        await writeFiles(dir, { ".npmrc": npmrc, "package.json": '{"name":"consumer"}' });
        const r = await sh(script.split("\n")[1], { cwd: dir, home, env });
        const installed = await fs
          .readFile(path.join(dir, "node_modules", name, "package.json"), "utf8")
          .catch(() => "{}");
        return { r, version: (JSON.parse(installed) as { version?: string }).version };
      };
      const group = render("npm", {
        scope: "group",
        id: GROUP,
        auth: "deploy-token",
        packageName: name,
        version: "1.0.0",
        rootNamespace: "platon",
      });
      const [{ dup, forced }, ro, fromProject, fromGroup, anonymous] = await Promise.all([
        duplicate(),
        readOnly(),
        install(
          snippet(project, "npm-npmrc-project"),
          snippet(project, "npm-install-project"),
          deployEnv(tokens.read),
        ),
        install(
          snippet(group, "npm-npmrc-group"),
          snippet(group, "npm-install-group"),
          deployEnv(tokens.group),
        ),
        // Anonymous: the .npmrc without its _authToken line → 401 from the private registry.
        install(
          snippet(project, "npm-npmrc-project")
            .split("\n")
            .filter((l) => !l.includes("_authToken"))
            .join("\n"),
          snippet(project, "npm-install-project"),
          {},
        ),
      ]);
      expect(dup.code).not.toBe(0);
      expect(dup.out).toContain("cannot publish over the previously published versions: 1.0.0");
      expect(forced.code).not.toBe(0);
      expect(forced.out).toMatch(/E403/);
      expect(forced.out).toContain("Package already exists");
      expect(ro.code).not.toBe(0);
      expect(ro.out).toMatch(/E403/);
      expect(fromProject.r.code, fromProject.r.out).toBe(0);
      expect(fromProject.version).toBe("1.0.0");
      expect(fromGroup.r.code, fromGroup.r.out).toBe(0);
      expect(fromGroup.version).toBe("1.0.0");
      expect(anonymous.r.code).not.toBe(0);
      expect(anonymous.r.out).toMatch(/E401|401 Unauthorized/);
      expect(anonymous.version).toBeUndefined();
    },
    CLIENT_TIMEOUT,
  );

  it(
    "PyPI: twine upload with the .pypirc, pip install and pip download through the index",
    async () => {
      const home = await tempDir("pypi");
      const bin = await debianPythonBin(home);
      const env = { GITLAB_TOKEN: "glpat-sandbox-developer", GITLAB_USERNAME: "developer" };
      const s = render("pypi", {
        scope: "project",
        id: PROJECT,
        auth: "access-token",
        packageName: "snippet-proof",
        version: "1.0.0",
      });
      const work = path.join(home, "work");
      // pip and twine read their files literally: the note says fill them in (envsubst).
      await writeFiles(home, {
        ".pypirc": envsubst(snippet(s, "pypi-pypirc"), env),
        ".pip/pip.conf": envsubst(snippet(s, "pypi-pip-conf-project"), env),
      });
      await writeFiles(work, {
        "dist/snippet_proof-1.0.0-py3-none-any.whl": await buildWheel("snippet-proof", "1.0.0"),
      });
      const run = (script: string) => sh(script, { cwd: work, home, env, pathPrefix: bin });

      const upload = await run(snippet(s, "pypi-twine-upload"));
      expect(upload.code, upload.out).toBe(0);
      const again = await run(snippet(s, "pypi-twine-upload"));
      expect(again.code).not.toBe(0);
      expect(again.out).toMatch(/400 Bad Request/i);

      // The environment forms, in a HOME without pip.conf or .pypirc: twine with
      // TWINE_USERNAME/TWINE_PASSWORD uploads 1.0.1, pip with the exported PIP_INDEX_URL.
      const envHome = await tempDir("pypi-env");
      await writeFiles(envHome, {
        "dist/snippet_proof-1.0.1-py3-none-any.whl": await buildWheel("snippet-proof", "1.0.1"),
      });
      const envForms = async () => {
        const o = { cwd: envHome, home: envHome, env, pathPrefix: bin };
        const up = await sh(snippet(s, "pypi-twine-upload-env"), o);
        const dl = await sh(
          `${snippet(s, "pypi-pip-index-url-project")}\n` +
            "pip download --no-deps --no-cache-dir -d via-env snippet-proof==1.0.1",
          o,
        );
        return { up, dl };
      };
      const [install, download, viaEnv] = await Promise.all([
        run(`${snippet(s, "pypi-pip-install-project")} --no-cache-dir --target target`),
        // pip.conf is the only place the index comes from here.
        run("pip download --no-deps --no-cache-dir -d downloads snippet-proof==1.0.0"),
        envForms(),
      ]);
      expect(viaEnv.up.code, viaEnv.up.out).toBe(0);
      expect(viaEnv.dl.code, viaEnv.dl.out).toBe(0);
      expect(await fs.readdir(path.join(envHome, "via-env"))).toEqual([
        "snippet_proof-1.0.1-py3-none-any.whl",
      ]);
      expect(install.code, install.out).toBe(0);
      expect(await fs.readFile(path.join(work, "target/snippet_proof/__init__.py"), "utf8")).toBe(
        'VERSION = "1.0.0"\n',
      );
      expect(download.code, download.out).toBe(0);
      expect(await fs.readdir(path.join(work, "downloads"))).toEqual([
        "snippet_proof-1.0.0-py3-none-any.whl",
      ]);

      // Without the credential in the index URL the private registry refuses (401; pip reports
      // it only at -vv and then finds no versions).
      const anon = await run(
        "pip download -vv --no-deps --no-cache-dir -d anon --index-url " +
          `${sandboxUrl()}/api/v4/projects/${PROJECT}/packages/pypi/simple snippet-proof==1.0.0`,
      );
      expect(anon.code).not.toBe(0);
      expect(anon.out).toMatch(/401 Client Error: Unauthorized/);
    },
    CLIENT_TIMEOUT,
  );

  it("every rendered file parses: XML, INI (.npmrc, pip.conf, .pypirc), YAML, JSON", () => {
    expect(parseEveryRenderedFile(sandboxUrl())).toBeGreaterThan(50);
  });
});

describe("after the uploads", () => {
  it("a catalog sync shows what npm and twine published through GET /api/packages", async () => {
    await expectSyncedCatalog(
      ["npm @platon/snippet-proof 1.0.0", "pypi snippet-proof 1.0.0", "pypi snippet-proof 1.0.1"],
      // The read-only deploy token's publish was refused.
      ["npm @platon/snippet-proof 1.0.1"],
    );
  });
});
