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

describe("delete_package fault", () => {
  it("deletes the package after the matching answer, so the next page shifts by one", async () => {
    const page = async (n: number) =>
      (
        await api(sb, `/groups/101/packages?order_by=created_at&sort=desc&per_page=5&page=${n}`, {
          as: "admin",
        })
      ).body as { id: number; project_id: number }[];
    const ids = async (n: number) => (await page(n)).map((p) => p.id);
    const top = await page(1);
    const [first, second] = [top.map((p) => p.id), await ids(2)];
    const victim = first[0];
    const f = await addFault({ delete_package: victim, path: "/api/v4/groups/101/packages" });
    expect(f.status).toBe(201);
    expect(f.body.count).toBe(1);
    // The answer that triggers the delete still shows the package …
    expect(await ids(1)).toEqual(first);
    // … the next request no longer does: page 2 starts one row later, its old first row
    // moved to page 1 and a walk that read page 1 before never sees it.
    expect(await ids(1)).toEqual([...first.slice(1), second[0]]);
    expect(await ids(2)).toEqual([...second.slice(1), expect.any(Number)]);
    const p = await api(sb, `/projects/${top[0].project_id}/packages/${victim}`, { as: "admin" });
    expect(p.status).toBe(404); // GitLab answers a package pending destruction as gone
    // Fired once: consumed.
    expect((await call(sb, "/-/sandbox/faults")).body).toEqual([]);
    expect((await addFault({ delete_package: "x" })).status).toBe(400);
  });
});

describe("where faults apply", () => {
  const graphql = () =>
    call(sb, "/api/graphql", {
      method: "POST",
      as: "owner",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: '{ namespace(fullPath: "platon") { id } }' }),
    });

  it("GitLab's GraphQL endpoint fails with the REST API, as GitLab's throttles and outages reach both", async () => {
    expect((await graphql()).status).toBe(200);
    await addFault({ status: 503, path: "/api/graphql", count: 1 });
    expect((await graphql()).status).toBe(503);
    expect((await graphql()).status).toBe(200);
  });

  it("never the control API", async () => {
    await addFault({ status: 503 });
    expect((await call(sb, "/-/sandbox/state")).status).toBe(200);
    expect((await api(sb, "/user", { as: "owner" })).status).toBe(503);
  });
});
