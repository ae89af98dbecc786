// Shared by the real-client suites (pm-clients-*.test.ts): one sandbox per file whose public
// URL the clients can reach, a scratch folder, and the helpers that run a client.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { RunningSandbox } from "../src/server";
import { start } from "./helpers";

/** The file's sandbox, its API base URL and scratch folder (live bindings, set in beforeAll). */
export let sb: RunningSandbox;
export let base: string;
export let root: string;

/** Starts the file's sandbox (no reset between tests: they use distinct names) and a scratch folder. */
export function clientsSandboxPerFile(): void {
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
}

/** A client binary from PATH (or Debian's path); missing → a clear failure, never a skip. */
export function tool(name: string, ...candidates: string[]): string {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found)
    throw new Error(`${name} is not installed — the package-manager client tests need it`);
  return found;
}

export interface Run {
  code: number;
  out: string;
}

export function run(
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

export function dir(name: string): string {
  const d = path.join(root, name);
  mkdirSync(d, { recursive: true });
  return d;
}
