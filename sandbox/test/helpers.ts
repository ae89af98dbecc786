// Shared helpers for the sandbox contract suite: start in-process, call over real HTTP.
import { startSandbox, type RunningSandbox, type SandboxOptions } from "../src/server";

export const PAT = (username: string) => `glpat-sandbox-${username}`;

export async function start(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ port: 0, host: "127.0.0.1", ...opts });
}

export interface Call {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** fetch against the sandbox; `as` = username whose PAT to send (PRIVATE-TOKEN). */
export async function call(
  sb: RunningSandbox,
  path: string,
  init: RequestInit & { as?: string; token?: string } = {},
): Promise<Call> {
  const headers = new Headers(init.headers);
  if (init.as) headers.set("PRIVATE-TOKEN", PAT(init.as));
  if (init.token) headers.set("Authorization", `Bearer ${init.token}`);
  const res = await fetch(`http://127.0.0.1:${sb.port}${path}`, {
    ...init,
    headers,
    redirect: "manual",
  });
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get("content-type") ?? "").includes("json") && text) body = JSON.parse(text);
  return { status: res.status, headers: res.headers, body };
}

export const api = (sb: RunningSandbox, path: string, init: Parameters<typeof call>[2] = {}) =>
  call(sb, `/api/v4${path}`, init);
