// Shared by the package-manager protocol suites (pm-*.test.ts): one sandbox per file, reset
// before each test, and the helpers they all use.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { RunningSandbox } from "../src/server";
import { call, PAT, start } from "./helpers";

/** The file's sandbox (a live binding: set by sandboxPerFile's beforeAll). */
export let sb: RunningSandbox;

/** Starts the file's sandbox, resets it before each test and closes it after the file. */
export function sandboxPerFile(): void {
  beforeAll(async () => {
    sb = await start();
  });
  afterAll(() => sb.close());
  beforeEach(async () => {
    await call(sb, "/-/sandbox/reset", { method: "POST" });
  });
}

export const dev = { "private-token": PAT("developer") };
export const sha = (alg: string, b: Buffer) => createHash(alg).update(b).digest("hex");

/** GET under /api/v4 of the file's sandbox, the body as bytes. */
export const bytes = async (p: string, headers: Record<string, string> = dev) => {
  const res = await fetch(`http://127.0.0.1:${sb.port}/api/v4${p}`, { headers });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
};

/** Sets a group's package settings (duplicates allowed or not, per format). */
export const settings = (groupId: number, body: object) =>
  call(sb, `/-/sandbox/package-settings/${groupId}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
