import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { workerCount, workerEnv } from "./serve.mjs";

// scripts/serve.mjs runs `npm start`'s portal as a cluster of workers on one port. Here its
// workers are a small stand-in server (PORTAL_SERVE_EXEC), so the cluster itself is tested
// without a Next.js build: both workers serve, only the first runs the schedulers, a worker
// that dies is replaced, a worker that cannot start stops everything, SIGTERM stops all.

const SERVE = path.join(import.meta.dirname, "serve.mjs");
const FAKE = path.join(import.meta.dirname, "testing", "serve-worker.mjs");

type Who = { pid: number; worker: string; sync: string; retention: string };

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** One request on a new connection (the primary hands each connection to the next worker). */
function ask(port: number, p = "/"): Promise<Who> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: "127.0.0.1", port, path: p, agent: false, timeout: 5000 },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => {
          try {
            resolve(JSON.parse(body) as Who);
          } catch (e) {
            reject(e);
          }
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
  });
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const c of running.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
});

function serve(port: number, env: Record<string, string>) {
  const child = spawn(process.execPath, [SERVE, String(port)], {
    env: { ...process.env, PORTAL_SERVE_EXEC: FAKE, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { child, exited, stderr: () => stderr };
}

async function until<T>(probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The workers met over `n` requests, by pid. */
async function workersMet(port: number, n = 12) {
  const seen = new Map<number, Who>();
  for (let i = 0; i < n; i++) {
    const who = await ask(port);
    seen.set(who.pid, who);
  }
  return seen;
}

describe("WEB_CONCURRENCY", () => {
  it("defaults to one worker; takes 1 to 8", () => {
    expect(workerCount(undefined)).toBe(1);
    expect(workerCount(" ")).toBe(1);
    expect(workerCount("2")).toBe(2);
    expect(workerCount("8")).toBe(8);
  });

  it("refuses anything but a whole number from 1 to 8", () => {
    for (const bad of ["0", "9", "two", "1.5", "-1"])
      expect(() => workerCount(bad)).toThrow(/WEB_CONCURRENCY must be a whole number/);
  });

  it("leaves the schedulers to the first worker", () => {
    expect(workerEnv(0, 2)).toEqual({ PORTAL_WORKER: "0", PORTAL_WORKERS: "2" });
    expect(workerEnv(1, 2)).toMatchObject({
      PORTAL_SYNC_INTERVAL_MINUTES: "0",
      PORTAL_RETENTION_INTERVAL_MINUTES: "0",
    });
  });
});

describe("scripts/serve.mjs", { timeout: 30_000 }, () => {
  const schedules = { PORTAL_SYNC_INTERVAL_MINUTES: "5", PORTAL_RETENTION_INTERVAL_MINUTES: "60" };

  it("serves one port from every worker; only the first runs the schedulers", async () => {
    const port = await freePort();
    serve(port, { WEB_CONCURRENCY: "2", ...schedules });
    await until(() => ask(port));
    const seen = await until(async () => {
      const s = await workersMet(port);
      return s.size === 2 ? s : undefined;
    });
    const byIndex = Object.fromEntries([...seen.values()].map((w) => [w.worker, w]));
    expect(Object.keys(byIndex).sort()).toEqual(["0", "1"]);
    expect(byIndex["0"]).toMatchObject({ sync: "5", retention: "60" });
    expect(byIndex["1"]).toMatchObject({ sync: "0", retention: "0" });
  });

  it("replaces a worker that dies, and stops every worker on SIGTERM", async () => {
    const port = await freePort();
    const s = serve(port, { WEB_CONCURRENCY: "2" });
    await until(() => ask(port));
    const before = await until(async () => {
      const m = await workersMet(port);
      return m.size === 2 ? m : undefined;
    });
    const dead = (await ask(port, "/exit")).pid;
    const after = await until(async () => {
      const m = await workersMet(port);
      return m.size === 2 && !m.has(dead) ? m : undefined;
    });
    expect([...after.keys()].filter((pid) => !before.has(pid))).toHaveLength(1);
    expect(s.stderr()).toMatch(/exited \(1\); starting another/);

    s.child.kill("SIGTERM");
    expect(await s.exited).toBe(0);
    for (const pid of after.keys()) expect(() => process.kill(pid, 0)).toThrow();
    await expect(ask(port)).rejects.toThrow();
  });

  it("stops with the worker's code when a worker cannot start", async () => {
    const s = serve(await freePort(), { WEB_CONCURRENCY: "2", SERVE_WORKER_FAIL: "1" });
    expect(await s.exited).toBe(3);
    expect(s.stderr()).toMatch(/exited before it served \(3\); stopping/);
  });

  it("refuses a bad WEB_CONCURRENCY before starting anything", async () => {
    const s = serve(await freePort(), { WEB_CONCURRENCY: "lots" });
    expect(await s.exited).toBe(2);
    expect(s.stderr()).toMatch(/WEB_CONCURRENCY must be a whole number from 1 to 8 \(got "lots"\)/);
  });
});
