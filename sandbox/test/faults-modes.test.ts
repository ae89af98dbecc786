// The GitLab-style per-endpoint rate limiter and the hanging-connection fault.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../src/server";
import { api, call, PAT, start } from "./helpers";

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(() => sb.close());
afterEach(() => call(sb, "/-/sandbox/faults", { method: "DELETE" }));

const addFault = (fault: unknown) =>
  call(sb, "/-/sandbox/faults", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fault),
  });

describe("rate_limit fault", () => {
  it("answers 429 with GitLab's JSON body past N per window, no Retry-After, headers only then", async () => {
    expect((await addFault({ rate_limit: { per_minute: 3 }, path: "/api/v4/groups" })).status).toBe(
      201,
    );
    const ok = [];
    for (let i = 0; i < 3; i++) ok.push(await api(sb, "/groups", { as: "owner" }));
    for (const r of ok) {
      expect(r.status).toBe(200);
      expect(r.headers.get("ratelimit-limit")).toBeNull();
    }
    const limited = await api(sb, "/groups", { as: "owner" });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      message: { error: "This endpoint has been requested too many times. Try again later." },
    });
    expect(limited.headers.get("retry-after")).toBeNull();
    expect(limited.headers.get("ratelimit-limit")).toBe("3");
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(limited.headers.get("ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000 - 1);
    // Other endpoints are not limited by it.
    expect((await api(sb, "/projects", { as: "owner" })).status).toBe(200);
  });

  it("opens again in the next window", async () => {
    await addFault({ rate_limit: { per_minute: 1, window_seconds: 1 } });
    // Start at the beginning of a window so both calls land in it.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
    expect((await api(sb, "/user", { as: "owner" })).status).toBe(200);
    expect((await api(sb, "/user", { as: "owner" })).status).toBe(429);
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
    expect((await api(sb, "/user", { as: "owner" })).status).toBe(200);
  });

  it("validates the spec", async () => {
    expect((await addFault({ rate_limit: { per_minute: -1 } })).status).toBe(400);
    expect((await addFault({ rate_limit: 5 })).status).toBe(400);
    expect((await addFault({ hang: "yes" })).status).toBe(400);
  });
});

describe("hang fault", () => {
  it("accepts the connection and never answers until cleared", async () => {
    await addFault({ hang: true, path: "/api/v4/user" });
    const started = Date.now();
    const err = await fetch(`${sb.url}/api/v4/user`, {
      headers: { "PRIVATE-TOKEN": PAT("owner") },
      signal: AbortSignal.timeout(500),
    }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe("TimeoutError");
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    // A hung request goes on once the faults are cleared.
    const pending = fetch(`${sb.url}/api/v4/user`, { headers: { "PRIVATE-TOKEN": PAT("owner") } });
    await new Promise((r) => setTimeout(r, 100));
    await call(sb, "/-/sandbox/faults", { method: "DELETE" });
    expect((await pending).status).toBe(200);
  });
});
