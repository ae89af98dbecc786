import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

// Child-process plumbing shared by demo/dev/start, the test harness and the bench.

export type EnvVars = Record<string, string | undefined>;

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const BIN = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
/** The built portal: `node scripts/serve.mjs <port>`, WEB_CONCURRENCY workers (default 1). */
export const SERVE = path.join(ROOT, "scripts", "serve.mjs");

export type Child = { proc: ChildProcess; stop(): Promise<void> };

export function startChild(
  cmd: string,
  args: string[],
  opts: { env?: EnvVars; prefix?: string; quiet?: boolean; cwd?: string } = {},
): Child {
  const proc = spawn(cmd, args, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // own process group, so stop() reaches grandchildren (next's workers)
  });
  const forward = (stream: NodeJS.ReadableStream, out: NodeJS.WriteStream) => {
    let buf = "";
    stream.on("data", (chunk: Buffer) => {
      buf += chunk.toString();
      const lines = buf.split("\n");
      buf = lines.pop() ?? "";
      if (!opts.quiet) for (const l of lines) out.write(`${opts.prefix ?? ""}${l}\n`);
    });
  };
  forward(proc.stdout!, process.stdout);
  forward(proc.stderr!, process.stderr);
  return {
    proc,
    stop: () => stopProcess(proc),
  };
}

export async function stopProcess(proc: ChildProcess, graceMs = 8000): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  const kill = (sig: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid!, sig);
    } catch {
      try {
        proc.kill(sig);
      } catch {
        /* already gone */
      }
    }
  };
  kill("SIGTERM");
  const timer = setTimeout(() => kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Resolves with the first stdout line matching `pattern`; rejects if the child exits first. */
export function waitForLine(
  child: Child,
  pattern: RegExp,
  timeoutMs = 60_000,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buf = "";
    let tail = "";
    const timer = setTimeout(
      () => done(new Error(`timed out waiting for ${pattern}\n${tail}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      buf += chunk.toString();
      tail = (tail + chunk.toString()).slice(-4000);
      const m = buf.match(pattern);
      if (m) done(undefined, m);
    };
    const onExit = (code: number | null) =>
      done(new Error(`process exited (${code}) before ready\n${tail}`));
    function done(err?: Error, m?: RegExpMatchArray) {
      clearTimeout(timer);
      child.proc.stdout?.off("data", onData);
      child.proc.stderr?.off("data", onErr);
      child.proc.off("exit", onExit);
      if (err) reject(err);
      else resolve(m!);
    }
    const onErr = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.proc.stdout?.on("data", onData);
    child.proc.stderr?.on("data", onErr);
    child.proc.once("exit", onExit);
  });
}

export async function startSandbox(env: EnvVars = {}, opts: { quiet?: boolean } = {}) {
  const child = startChild(BIN("tsx"), ["sandbox/src/main.ts"], {
    env: { SANDBOX_PORT: "0", ...env },
    prefix: "[sandbox] ",
    quiet: opts.quiet,
  });
  const m = await waitForLine(child, /sandbox listening on (http:\/\/\S+)/, 90_000);
  return { ...child, url: m[1] };
}

export async function waitForHttp(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}
