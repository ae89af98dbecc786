// The real pip, twine and curl against the sandbox: pip download/install through project and
// group index URLs, twine upload (the second upload of a file fails with 400), curl for generic
// upload/download and a NuGet push. Nothing leaves localhost.
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { api, PAT } from "./helpers";
import { base, clientsSandboxPerFile, dir, run, sb, tool } from "./pm-clients-kit";

clientsSandboxPerFile();

describe.concurrent("real clients: pip, twine, curl", () => {
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
