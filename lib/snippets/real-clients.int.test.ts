import fs from "node:fs/promises";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listPackages } from "@/app/api/packages/route";
import { runSync } from "@/lib/sync/sync";
import { resetCatalog, resetSandbox, sandboxUrl } from "@/lib/testing/catalog-kit";
import {
  buildNupkg,
  buildWheel,
  createDeployToken,
  debianPythonBin,
  envsubst,
  removeTempDirs,
  render,
  sh,
  snippet,
  tempDir,
  writeFiles,
} from "@/lib/testing/real-clients-kit";
import { parseEveryRenderedFile } from "./real-clients-parse";

// Issue 9 item 5: the rendered "Set me up" snippets, written into a temporary HOME and project,
// run with the real clients (npm, pip, Debian's twine, curl, wget, mvn) against the sandbox —
// and refused where GitLab refuses: a duplicate version, a read-only deploy token publishing,
// an anonymous pull of a private registry. Project 2 (platon/backend/auth-service) is private,
// in root group 101 (platon).

const PROJECT = 2;
const GROUP = 101;
const JOB_TOKEN = `glcbt-sandbox-${PROJECT}`;
/** Real clients start slowly on a shared 2-core machine (npm ~5–10 s a run under load). */
const CLIENT_TIMEOUT = 150_000;

let writeToken: { username: string; token: string };
let readToken: { username: string; token: string };
let groupToken: { username: string; token: string };

/** The variables the deploy-token snippets reference. */
const deployEnv = (t: { username: string; token: string }) => ({
  DEPLOY_TOKEN: t.token,
  DEPLOY_TOKEN_USERNAME: t.username,
});

beforeAll(async () => {
  await resetSandbox();
  await resetCatalog();
  [writeToken, readToken, groupToken] = await Promise.all([
    createDeployToken({ kind: "projects", id: PROJECT }, [
      "read_package_registry",
      "write_package_registry",
    ]),
    createDeployToken({ kind: "projects", id: PROJECT }, ["read_package_registry"]),
    createDeployToken({ kind: "groups", id: GROUP }, ["read_package_registry"]),
  ]);
});

afterAll(removeTempDirs);

describe.concurrent("the rendered snippets with real clients", () => {
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

      const publish = await run(snippet(project, "npm-publish"), pkgDir, deployEnv(writeToken));
      expect(publish.code, publish.out).toBe(0);

      // Same name and version again: npm 10 reads the packument first and refuses before it
      // PUTs; with --force it sends the PUT and GitLab's 403 comes back.
      const duplicate = async () => {
        const dup = await run(snippet(project, "npm-publish"), pkgDir, deployEnv(writeToken));
        const forced = await run("npm publish --force", pkgDir, deployEnv(writeToken));
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
        return run(snippet(next, "npm-publish"), dir, deployEnv(readToken));
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
          deployEnv(readToken),
        ),
        install(
          snippet(group, "npm-npmrc-group"),
          snippet(group, "npm-install-group"),
          deployEnv(groupToken),
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

  it("Generic: curl upload (plain and ?status=), curl and wget download", async () => {
    const home = await tempDir("generic");
    const common = { scope: "project" as const, id: PROJECT, packageName: "snippet-proof" };
    const deploy = render("generic", {
      ...common,
      auth: "deploy-token",
      version: "1.0.0",
      fileName: "proof.tar.gz",
    });
    const job = render("generic", {
      ...common,
      auth: "job-token",
      version: "1.0.0",
      fileName: "proof.tar.gz",
    });
    const body = `snippet proof ${Date.now()}\n`;
    await writeFiles(home, { "path/to/proof.tar.gz": body, "proof.tar.gz": body });
    const env = { ...deployEnv(writeToken), CI_JOB_TOKEN: JOB_TOKEN };
    const run = (script: string, cwd = home) => sh(script, { cwd, home, env });

    const upload = await run(snippet(deploy, "generic-upload"));
    expect(upload.code, upload.out).toBe(0);
    expect(JSON.parse(upload.stdout)).toEqual({ message: "201 Created" });
    const withStatus = render("generic", {
      ...common,
      auth: "job-token",
      version: "1.0.1",
      fileName: "proof.tar.gz",
    });
    const up2 = await run(snippet(withStatus, "generic-upload-status"));
    expect(JSON.parse(up2.stdout), up2.out).toEqual({ message: "201 Created" });

    const [curlDir, wgetDir] = await Promise.all([tempDir("curl"), tempDir("wget")]);
    const [viaCurl, viaWget] = await Promise.all([
      run(snippet(job, "generic-download-curl"), curlDir),
      run(snippet(deploy, "generic-download-wget"), wgetDir),
    ]);
    expect(viaCurl.code, viaCurl.out).toBe(0);
    expect(viaWget.code, viaWget.out).toBe(0);
    expect(await fs.readFile(path.join(curlDir, "proof.tar.gz"), "utf8")).toBe(body);
    expect(await fs.readFile(path.join(wgetDir, "proof.tar.gz"), "utf8")).toBe(body);
  });

  it("NuGet: push as dotnet would for the rendered source and key; nuget.config credentials pull", async () => {
    const home = await tempDir("nuget");
    const s = render("nuget", {
      scope: "project",
      id: PROJECT,
      auth: "deploy-token",
      packageName: "SnippetProof",
      version: "1.0.0",
    });
    const push = snippet(s, "nuget-push-url");
    const source = /--source "([^"]+)"/.exec(push)?.[1];
    expect(source).toBe(`${sandboxUrl()}/api/v4/projects/${PROJECT}/packages/nuget/index.json`);
    expect(push).toContain("--api-key ${DEPLOY_TOKEN}");
    await writeFiles(home, {
      "SnippetProof.1.0.0.nupkg": await buildNupkg("SnippetProof", "1.0.0"),
    });

    // dotnet reads the service index (anonymous), takes the PackagePublish resource and PUTs
    // the package as multipart `package` with X-NuGet-ApiKey set to --api-key.
    const index = (await (await fetch(source!)).json()) as {
      resources: Array<{ "@id": string; "@type": string }>;
    };
    const publishUrl = index.resources.find((r) => r["@type"] === "PackagePublish/2.0.0")?.["@id"];
    expect(publishUrl).toBeTruthy();
    const env = deployEnv(writeToken);
    const curlPush = (token: string) =>
      sh(
        `curl -sS -o /dev/null -w '%{http_code}' -X PUT --header "X-NuGet-ApiKey: ${token}" ` +
          `--form package=@SnippetProof.1.0.0.nupkg "${publishUrl}"`,
        { cwd: home, home, env: { ...env, RO: readToken.token } },
      );
    const [ok, ro] = [await curlPush("${DEPLOY_TOKEN}"), await curlPush("${RO}")];
    expect(ok.stdout, ok.out).toBe("201");
    expect(ro.stdout).toBe("403");

    // nuget.config's %VAR% credentials, filled as NuGet does, read the flat container.
    const config = snippet(s, "nuget-config-project");
    const user = /key="Username" value="([^"]+)"/
      .exec(config)![1]
      .replace(/%([A-Z_]+)%/g, (_, n: keyof typeof env) => env[n]);
    const pass = /key="ClearTextPassword" value="([^"]+)"/
      .exec(config)![1]
      .replace(/%([A-Z_]+)%/g, (_, n: keyof typeof env) => env[n]);
    const flat = await fetch(
      `${source!.replace(/index\.json$/, "")}download/snippetproof/index.json`,
      { headers: { authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}` } },
    );
    expect(flat.status).toBe(200);
    expect(await flat.json()).toEqual({ versions: ["1.0.0"] });
  });

  it(
    "Maven: mvn deploy with the rendered settings.xml (Job-Token header) and pom.xml",
    async () => {
      const home = await tempDir("maven");
      const s = render("maven", {
        scope: "project",
        id: PROJECT,
        auth: "job-token",
        packageName: "com/example/snippet-proof",
        version: "1.0.0",
      });
      // The rendered settings.xml plus one mirror: plugins come from Debian's maven-repo
      // (file://), so mvn needs no internet. The gitlab-maven server block is untouched.
      const settings = snippet(s, "maven-settings-xml-header").replace(
        "<settings>",
        "<settings>\n  <mirrors><mirror><id>debian</id><mirrorOf>central</mirrorOf>" +
          "<url>file:///usr/share/maven-repo</url></mirror></mirrors>",
      );
      const pom = snippet(s, "maven-pom-xml").replace(
        "  <!-- ... -->",
        [
          "  <modelVersion>4.0.0</modelVersion>",
          "  <groupId>com.example</groupId>",
          "  <artifactId>snippet-proof</artifactId>",
          "  <version>1.0.0</version>",
          "  <packaging>pom</packaging>",
        ].join("\n"),
      );
      await writeFiles(home, { "proj/settings.xml": settings, "proj/pom.xml": pom });
      const deploy = await sh(
        `${snippet(s, "maven-deploy")} -B -ntp -Dmaven.repo.local=${home}/m2`,
        { cwd: path.join(home, "proj"), home, env: { CI_JOB_TOKEN: JOB_TOKEN } },
      );
      expect(deploy.code, deploy.out).toBe(0);
      // What mvn put there is served back to the username/password form of settings.xml.
      const basic = snippet(s, "maven-settings-xml-basic");
      const user = /<username>([^<]+)<\/username>/.exec(basic)![1];
      const res = await fetch(
        `${sandboxUrl()}/api/v4/projects/${PROJECT}/packages/maven/com/example/snippet-proof/1.0.0/snippet-proof-1.0.0.pom`,
        {
          headers: {
            authorization: `Basic ${Buffer.from(`${user}:${JOB_TOKEN}`).toString("base64")}`,
          },
        },
      );
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("<artifactId>snippet-proof</artifactId>");
    },
    CLIENT_TIMEOUT,
  );

  it("every rendered file parses: XML, INI (.npmrc, pip.conf, .pypirc), YAML, JSON", () => {
    expect(parseEveryRenderedFile(sandboxUrl())).toBeGreaterThan(50);
  });
});

describe("after the uploads", () => {
  it("a catalog sync shows the published packages through GET /api/packages", async () => {
    const run = await runSync({ kind: "full", trigger: "test", newFilesLimit: 0 });
    expect(run.status, JSON.stringify(run)).toBe("succeeded");
    const res = await listPackages(
      new NextRequest("http://localhost/api/packages?q=snippet&per_page=50", {
        headers: { "PRIVATE-TOKEN": "glpat-sandbox-developer" },
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      items?: Array<{ name: string; version: string; package_type: string }>;
    };
    const seen = new Set((body.items ?? []).map((p) => `${p.package_type} ${p.name} ${p.version}`));
    for (const want of [
      "npm @platon/snippet-proof 1.0.0",
      "pypi snippet-proof 1.0.0",
      "pypi snippet-proof 1.0.1",
      "generic snippet-proof 1.0.0",
      "generic snippet-proof 1.0.1",
      "nuget SnippetProof 1.0.0",
      "maven com/example/snippet-proof 1.0.0",
    ]) {
      expect([...seen], want).toContain(want);
    }
    expect([...seen]).not.toContain("npm @platon/snippet-proof 1.0.1");
  });
});
