import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sandboxUrl } from "@/lib/testing/catalog-kit";
import {
  buildNupkg,
  render,
  sh,
  snippet,
  tempDir,
  writeFiles,
} from "@/lib/testing/real-clients-kit";
import {
  CLIENT_TIMEOUT,
  JOB_TOKEN,
  PROJECT,
  deployEnv,
  expectSyncedCatalog,
  deployTokensPerFile,
} from "@/lib/testing/real-clients-suite";

// Issue 9 item 5, continued from real-clients-npm-pypi.int.test.ts: the rendered Generic,
// NuGet and Maven snippets run with curl, wget and mvn (offline: plugins from Debian's
// /usr/share/maven-repo) against the sandbox, and refused where GitLab refuses (a read-only
// deploy token pushing).

const tokens = deployTokensPerFile();

describe.concurrent("the rendered snippets with real clients: Generic, NuGet, Maven", () => {
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
    const env = { ...deployEnv(tokens.write), CI_JOB_TOKEN: JOB_TOKEN };
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
    const env = deployEnv(tokens.write);
    const curlPush = (token: string) =>
      sh(
        `curl -sS -o /dev/null -w '%{http_code}' -X PUT --header "X-NuGet-ApiKey: ${token}" ` +
          `--form package=@SnippetProof.1.0.0.nupkg "${publishUrl}"`,
        { cwd: home, home, env: { ...env, RO: tokens.read.token } },
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
});

describe("after the uploads", () => {
  it("a catalog sync shows what curl, the NuGet push and mvn published", async () => {
    await expectSyncedCatalog([
      "generic snippet-proof 1.0.0",
      "generic snippet-proof 1.0.1",
      "nuget SnippetProof 1.0.0",
      "maven com/example/snippet-proof 1.0.0",
    ]);
  });
});
