import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { renderSnippets } from "@/lib/snippets";
import type { CredentialKind, PackageType, Snippet, SnippetInput } from "@/lib/snippets";
import { credentialFor } from "@/lib/snippets";
import { sandboxUrl } from "./catalog-kit";

// Helpers for proving the rendered snippets with real clients (npm, pip, twine, curl, wget,
// mvn): temporary homes and project dirs, commands run as the snippets say with only the
// variables the snippets reference, deploy tokens made through the sandbox's API, and tiny
// artifacts (wheel, .nupkg) built locally so no client needs the internet.

export type RunResult = { code: number; stdout: string; stderr: string; out: string };

/** A throwaway directory; everything a client writes (HOME, caches, targets) lives in one. */
const made: string[] = [];
export async function tempDir(label: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `snippet-proof-${label}-`));
  made.push(dir);
  return dir;
}

/** Removes every directory `tempDir` made. */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
}

/**
 * A `bin` dir put first on PATH: `python3` is Debian's (its `twine` module is Debian's
 * python3-twine) and `pip` is that python's pip, so the clients are the distribution's.
 */
export async function debianPythonBin(root: string): Promise<string> {
  const bin = path.join(root, "bin");
  await fs.mkdir(bin, { recursive: true });
  await fs.symlink("/usr/bin/python3", path.join(bin, "python3")).catch(() => {});
  await fs.writeFile(path.join(bin, "pip"), '#!/bin/sh\nexec python3 -m pip "$@"\n', {
    mode: 0o755,
  });
  return bin;
}

/**
 * Runs a shell script (a rendered snippet, possibly with flags appended) with bash in `cwd`.
 * The environment is minimal on purpose: PATH, HOME and the given variables only — no proxy,
 * no user config, no token the snippet did not ask for.
 */
export function sh(
  script: string,
  opts: { cwd: string; home: string; env?: Record<string, string>; pathPrefix?: string },
): Promise<RunResult> {
  const env: Record<string, string> = {
    PATH: `${opts.pathPrefix ? opts.pathPrefix + ":" : ""}/usr/local/bin:/usr/bin:/bin:${path.dirname(process.execPath)}`,
    HOME: opts.home,
    LANG: "C.UTF-8",
    npm_config_cache: path.join(opts.home, ".npm-cache"),
    npm_config_update_notifier: "false",
    npm_config_audit: "false",
    npm_config_fund: "false",
    PIP_DISABLE_PIP_VERSION_CHECK: "1",
    PIP_NO_INPUT: "1",
    PYTHONDONTWRITEBYTECODE: "1",
    ...opts.env,
  };
  return new Promise((resolve) => {
    execFile(
      "bash",
      ["-e", "-o", "pipefail", "-c", script],
      { cwd: opts.cwd, env: env as NodeJS.ProcessEnv, timeout: 80_000, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, stdout, stderr, out: `${stdout}\n${stderr}` });
      },
    );
  });
}

/** The snippets for one type, scope and credential against the running sandbox. */
export function render(
  type: PackageType,
  opts: {
    scope: "project" | "group";
    id: number;
    auth: CredentialKind;
    packageName?: string;
    version?: string;
    fileName?: string;
    rootNamespace?: string;
  },
): Map<string, Snippet> {
  const input: SnippetInput = {
    instanceUrl: sandboxUrl(),
    scope: { kind: opts.scope, id: opts.id },
    credential: credentialFor(opts.auth),
    packageName: opts.packageName,
    version: opts.version,
    fileName: opts.fileName,
    rootNamespace: opts.rootNamespace,
  };
  const { snippets } = renderSnippets(type, input);
  return new Map(snippets.map((s) => [s.id, s]));
}

export function snippet(set: Map<string, Snippet>, id: string): string {
  const s = set.get(id);
  if (!s) throw new Error(`no snippet ${id}; have ${[...set.keys()].join(", ")}`);
  return s.content;
}

/**
 * What the snippet notes tell the reader to do for files pip and twine read literally: fill
 * the `${NAME}` references in when writing the file (envsubst). A missing variable throws.
 */
export function envsubst(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (_, name: string) => {
    if (!(name in env)) throw new Error(`snippet references \${${name}}, which is not set`);
    return env[name];
  });
}

export async function writeFiles(dir: string, files: Record<string, string | Buffer>) {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
}

/** A deploy token made through the sandbox's API, as a maintainer would; the value once. */
export async function createDeployToken(
  owner: { kind: "projects" | "groups"; id: number },
  scopes: string[],
): Promise<{ username: string; token: string }> {
  const res = await fetch(`${sandboxUrl()}/api/v4/${owner.kind}/${owner.id}/deploy_tokens`, {
    method: "POST",
    headers: { "PRIVATE-TOKEN": "glpat-sandbox-owner", "content-type": "application/json" },
    body: JSON.stringify({ name: `snippet-proof-${scopes.join("-")}`, scopes }),
  });
  if (res.status !== 201) throw new Error(`deploy token: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { username: string; token: string };
  return { username: body.username, token: body.token };
}

/** A minimal, valid pure-Python wheel (METADATA, WHEEL, RECORD) built in memory. */
export async function buildWheel(dist: string, version: string): Promise<Buffer> {
  const mod = dist.replace(/-/g, "_");
  const info = `${mod}-${version}.dist-info`;
  const files: Record<string, string> = {
    [`${mod}/__init__.py`]: `VERSION = "${version}"\n`,
    [`${info}/METADATA`]: `Metadata-Version: 2.1\nName: ${dist}\nVersion: ${version}\nSummary: snippet proof\n`,
    [`${info}/WHEEL`]:
      "Wheel-Version: 1.0\nGenerator: snippet-proof\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
  };
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  zip.file(
    `${info}/RECORD`,
    [...Object.keys(files).map((f) => `${f},,`), `${info}/RECORD,,`].join("\n") + "\n",
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** A minimal .nupkg: a zip whose root holds `<id>.nuspec`. */
export async function buildNupkg(id: string, version: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    `${id}.nuspec`,
    `<?xml version="1.0" encoding="utf-8"?>\n<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">\n  <metadata>\n    <id>${id}</id>\n    <version>${version}</version>\n    <authors>snippet-proof</authors>\n    <description>snippet proof</description>\n  </metadata>\n</package>\n`,
  );
  zip.file("lib/net8.0/_._", "");
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
