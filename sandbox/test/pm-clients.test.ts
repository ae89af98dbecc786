// The real clients against the sandbox: npm publish/install (project and group endpoint), pip
// download/install, twine upload (the second upload of a file fails with 400), curl for generic
// and NuGet push. Nothing leaves localhost: every registry URL points at the sandbox.
import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../src/server";
import { api, PAT, start } from "./helpers";

let sb: RunningSandbox;
let root: string;
let base: string;

beforeAll(async () => {
  sb = await start();
  // clients must reach the URLs the sandbox writes into metadata (tarballs, simple links)
  sb.runtime.publicUrl = `http://127.0.0.1:${sb.port}`;
  base = `${sb.runtime.publicUrl}/api/v4`;
  root = mkdtempSync(path.join(tmpdir(), "sandbox-clients-"));
});
afterAll(async () => {
  await sb.close();
  rmSync(root, { recursive: true, force: true });
});

/** A client binary from PATH (or Debian's path); missing → a clear failure, never a skip. */
function tool(name: string, ...candidates: string[]): string {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found)
    throw new Error(`${name} is not installed — the package-manager client tests need it`);
  return found;
}

interface Run {
  code: number;
  out: string;
}

function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
) {
  return new Promise<Run>((resolve) => {
    execFile(
      cmd,
      args,
      {
        cwd: opts.cwd,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: opts.cwd ?? root,
          LANG: "C.UTF-8",
          ...opts.env,
        } as unknown as NodeJS.ProcessEnv, // a minimal env: no npm_config_* or pip settings leak in
        timeout: 120_000,
        maxBuffer: 16 << 20,
        encoding: "utf8",
      },
      (err: (Error & { code?: unknown }) | null, stdout: string, stderr: string) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, out: `${stdout}\n${stderr}` });
      },
    );
  });
}

function dir(name: string): string {
  const d = path.join(root, name);
  mkdirSync(d, { recursive: true });
  return d;
}

// npm -----------------------------------------------------------------------------------------

function npmrc(d: string, registry: string, token: string | null) {
  const authPath = registry.replace(/^http:/, "");
  const lines = [
    `registry=${registry}`,
    `@platon:registry=${registry}`,
    "audit=false",
    "fund=false",
    "update-notifier=false",
    ...(token ? [`${authPath}:_authToken=${token}`] : []),
  ];
  writeFileSync(path.join(d, ".npmrc"), `${lines.join("\n")}\n`);
}

function npm(d: string, args: string[]) {
  return run(tool("npm", "/usr/bin/npm"), [...args, "--userconfig", path.join(d, ".npmrc")], {
    cwd: d,
    env: { npm_config_cache: path.join(d, ".cache") },
  });
}

const projectNpm = (id: number) => `${base}/projects/${id}/packages/npm/`;

describe.concurrent("real clients", () => {
  it(
    "npm publish, then npm install from the project and the group endpoint",
    { timeout: 120_000 },
    async () => {
      const pub = dir("npm-pub");
      npmrc(pub, projectNpm(5), PAT("developer"));
      writeFileSync(
        path.join(pub, "package.json"),
        JSON.stringify({ name: "@platon/client-proof", version: "1.4.0", main: "index.js" }),
      );
      writeFileSync(path.join(pub, "index.js"), "module.exports = 'proof';\n");
      const published = await npm(pub, ["publish"]);
      expect(published.code, published.out).toBe(0);
      const again = await npm(pub, ["publish"]);
      expect(again.code).not.toBe(0);
      expect(again.out).toMatch(/403|cannot publish over/i);

      const [fromProject, fromGroup] = await Promise.all(
        [projectNpm(5), `${base}/groups/platon/-/packages/npm/`].map(async (registry, i) => {
          const app = dir(`npm-app-${i}`);
          npmrc(app, registry, PAT("reporter"));
          writeFileSync(
            path.join(app, "package.json"),
            JSON.stringify({ name: "app", version: "1.0.0" }),
          );
          const r = await npm(app, [
            "install",
            "@platon/client-proof@1.4.0",
            "@platon/design-tokens",
          ]);
          return { app, r };
        }),
      );
      for (const { app, r } of [fromProject, fromGroup]) {
        expect(r.code, r.out).toBe(0);
        const installed = JSON.parse(
          readFileSync(path.join(app, "node_modules/@platon/client-proof/package.json"), "utf8"),
        );
        expect(installed.version).toBe("1.4.0");
        expect(existsSync(path.join(app, "node_modules/@platon/design-tokens/package.json"))).toBe(
          true,
        );
      }
    },
  );

  it(
    "npm: a read-only deploy token cannot publish; anonymous install from a private registry fails",
    { timeout: 120_000 },
    async () => {
      const created = await api(sb, "/projects/5/deploy_tokens", {
        method: "POST",
        as: "owner",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "read-only", scopes: ["read_package_registry"] }),
      });
      const pub = dir("npm-ro");
      npmrc(pub, projectNpm(5), created.body.token);
      writeFileSync(
        path.join(pub, "package.json"),
        JSON.stringify({ name: "@platon/read-only-proof", version: "1.0.0" }),
      );
      const refused = await npm(pub, ["publish"]);
      expect(refused.code).not.toBe(0);
      expect(refused.out).toMatch(/E403|403 Forbidden/);

      const anon = dir("npm-anon");
      npmrc(anon, projectNpm(5), null);
      writeFileSync(
        path.join(anon, "package.json"),
        JSON.stringify({ name: "app", version: "1.0.0" }),
      );
      const denied = await npm(anon, ["install", "@platon/design-tokens"]);
      expect(denied.code).not.toBe(0);
      expect(denied.out).toMatch(/E401|401 Unauthorized/);
    },
  );

  it(
    "pip download and pip install through project and group index URLs; anonymous → 401",
    { timeout: 120_000 },
    async () => {
      const pip = tool("pip3", "/usr/bin/pip3");
      const d = dir("pip");
      // PIP_CONFIG_FILE=/dev/null: no machine-wide pip.conf (extra indexes, find-links) takes part
      const env = { PIP_CONFIG_FILE: "/dev/null" };
      const index = (scope: string, cred: string | null) =>
        `http://${cred ? `x:${cred}@` : ""}127.0.0.1:${sb.port}/api/v4/${scope}/packages/pypi/simple`;
      const common = ["--disable-pip-version-check", "--no-input", "--no-deps", "--no-cache-dir"];
      const [download, install, anon] = await Promise.all([
        run(
          pip,
          [
            "download",
            ...common,
            "-d",
            path.join(d, "dl"),
            "--index-url",
            index("projects/6", PAT("reporter")),
            "Platon_ETL==1.0.0",
          ],
          { cwd: d, env },
        ),
        run(
          pip,
          [
            "install",
            ...common,
            "--target",
            path.join(d, "tgt"),
            "--index-url",
            index("groups/platon/-", PAT("reporter")),
            "platon-pipelines",
          ],
          { cwd: d, env },
        ),
        run(
          pip,
          [
            "download",
            ...common,
            "-vv",
            "-d",
            path.join(d, "anon"),
            "--index-url",
            index("projects/6", null),
            "platon-etl",
          ],
          { cwd: d, env },
        ),
      ]);
      expect(download.code, download.out).toBe(0);
      expect(readdirSync(path.join(d, "dl"))).toEqual(["platon_etl-1.0.0-py3-none-any.whl"]);
      expect(install.code, install.out).toBe(0);
      expect(existsSync(path.join(d, "tgt/platon_pipelines/__init__.py"))).toBe(true);
      expect(anon.code).not.toBe(0);
      expect(anon.out).toContain("401 Client Error: Unauthorized");

      // twine: upload that wheel into another project, then the same file again → 400
      const twine = tool("twine", "/usr/bin/twine");
      const wheel = path.join(d, "dl", "platon_etl-1.0.0-py3-none-any.whl");
      const upload = () =>
        run(
          twine,
          [
            "upload",
            "--non-interactive",
            "--disable-progress-bar",
            "--repository-url",
            `${base}/projects/2/packages/pypi`,
            wheel,
          ],
          {
            cwd: d,
            env: { TWINE_USERNAME: "gitlab-ci-token", TWINE_PASSWORD: "glcbt-sandbox-2" },
          },
        );
      const first = await upload();
      expect(first.code, first.out).toBe(0);
      const second = await upload();
      expect(second.code).not.toBe(0);
      expect(second.out).toContain("400 Bad Request");
      const listed = await api(sb, "/projects/2/packages?package_name=platon-etl", {
        as: "developer",
      });
      expect(listed.body.map((p: { version: string }) => p.version)).toEqual(["1.0.0"]);
    },
  );

  it("curl: generic upload and download, NuGet push", { timeout: 60_000 }, async () => {
    const curl = tool("curl", "/usr/bin/curl");
    const d = dir("curl");
    writeFileSync(path.join(d, "app.tar.gz"), "generic-bytes");
    const url = `${base}/projects/4/packages/generic/curl-proof/1.0.0/app.tar.gz`;
    const up = await run(
      curl,
      [
        "-sS",
        "--fail-with-body",
        "--header",
        "JOB-TOKEN: glcbt-sandbox-4",
        "--upload-file",
        "app.tar.gz",
        `${url}?status=default`,
      ],
      { cwd: d },
    );
    expect(up.code, up.out).toBe(0);
    expect(up.out).toContain('{"message":"201 Created"}');
    const down = await run(
      curl,
      ["-sS", "--fail", "--user", `x:${PAT("developer")}`, "-o", "got.tar.gz", url],
      { cwd: d },
    );
    expect(down.code, down.out).toBe(0);
    expect(readFileSync(path.join(d, "got.tar.gz"), "utf8")).toBe("generic-bytes");

    const z = new JSZip();
    z.file(
      "Curl.Proof.nuspec",
      "<package><metadata><id>Curl.Proof</id><version>2.0.0</version></metadata></package>",
    );
    writeFileSync(
      path.join(d, "curl.proof.2.0.0.nupkg"),
      await z.generateAsync({ type: "nodebuffer" }),
    );
    const push = await run(
      curl,
      [
        "-sS",
        "--fail-with-body",
        "-X",
        "PUT",
        "--user",
        `owner:${PAT("owner")}`,
        "--form",
        "package=@curl.proof.2.0.0.nupkg",
        `${base}/projects/12/packages/nuget/`,
      ],
      { cwd: d },
    );
    expect(push.code, push.out).toBe(0);
    const versions = await api(sb, "/projects/12/packages/nuget/download/curl.proof/index.json", {
      headers: {
        authorization: `Basic ${Buffer.from(`owner:${PAT("owner")}`).toString("base64")}`,
      },
    });
    expect(versions.body).toEqual({ versions: ["2.0.0"] });
  });
});
