import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import nextConfig from "../next.config";
import { config as proxyConfig } from "../proxy";
import { createListener, type DirectRoutes } from "./portal-worker.mjs";

// scripts/portal-worker.mjs answers GET /api/packages with the route's own handler and hands
// everything else to Next.js. Here Next is a stand-in that says it answered, and the published
// route a stand-in Response, so what the worker itself does is tested over real HTTP: which
// requests take the direct path, and that status, headers and body arrive as the handler made
// them. (The real handler behind it is the route's export, covered by the API's own tests; the
// e2e stack runs through this worker.)

type Seen = { url: string; headers: Headers };

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function start(routes: DirectRoutes | undefined) {
  const server = http.createServer(
    createListener(
      (_req, res) => {
        res.setHeader("x-answered-by", "next");
        res.end("next");
      },
      () => routes,
    ),
  );
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

function request(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string> } = {},
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.request(
        { host: "127.0.0.1", port, path, method: opts.method ?? "GET", headers: opts.headers },
        (res) => {
          let body = "";
          res.on("data", (d: Buffer) => (body += d.toString()));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        },
      );
      req.on("error", reject);
      req.end();
    },
  );
}

function catalogRoute(seen: Seen[], answer?: () => Response): DirectRoutes {
  return new Map([
    [
      "/api/packages",
      async (url: string, headers: Headers) => {
        seen.push({ url, headers });
        if (answer) return answer();
        const res = Response.json({ items: [{ name: "ui-kit" }] }, { status: 200 });
        res.headers.set("x-catalog-cache", "hit");
        return res;
      },
    ],
  ]);
}

describe("scripts/portal-worker.mjs", () => {
  it("answers GET /api/packages with the published handler: its status, headers and body", async () => {
    const seen: Seen[] = [];
    const port = await start(catalogRoute(seen));
    const res = await request(port, "/api/packages?q=ui-kit&view=packages", {
      headers: { cookie: "next-auth.session-token=abc", "private-token": "glpat-x" },
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ items: [{ name: "ui-kit" }] });
    expect(res.headers["x-catalog-cache"]).toBe("hit");
    expect(res.headers["content-type"]).toMatch(/application\/json/);
    expect(res.headers["content-length"]).toBe(String(Buffer.byteLength(res.body)));
    expect(res.headers["x-answered-by"]).toBeUndefined();
    // The handler sees the whole URL and every header the client sent.
    expect(seen).toHaveLength(1);
    expect(seen[0].url).toBe(`http://127.0.0.1:${port}/api/packages?q=ui-kit&view=packages`);
    expect(seen[0].headers.get("cookie")).toBe("next-auth.session-token=abc");
    expect(seen[0].headers.get("private-token")).toBe("glpat-x");
    // A compose service name is a host name too.
    await request(port, "/api/packages", { headers: { host: "portal_web:3000" } });
    expect(seen[1].url).toBe("http://portal_web:3000/api/packages");
  });

  it("keeps the handler's error status and every Set-Cookie header apart", async () => {
    const port = await start(
      catalogRoute([], () => {
        const res = Response.json({ error: { code: "invalid_input" } }, { status: 422 });
        res.headers.append("set-cookie", "a=1; Path=/");
        res.headers.append("set-cookie", "b=2; Path=/");
        return res;
      }),
    );
    const res = await request(port, "/api/packages?per_page=0");
    expect(res.status).toBe(422);
    expect(JSON.parse(res.body)).toEqual({ error: { code: "invalid_input" } });
    expect(res.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
  });

  it("leaves every other request to Next.js", async () => {
    const seen: Seen[] = [];
    const port = await start(catalogRoute(seen));
    for (const [method, path] of [
      ["HEAD", "/api/packages"],
      ["POST", "/api/packages"],
      ["GET", "/api/packages/"],
      ["GET", "/api/packages/12"],
      ["GET", "/api/packages-x?q=a"],
      ["GET", "/packages?q=a"],
    ]) {
      const res = await request(port, path, { method });
      expect(res.headers["x-answered-by"], `${method} ${path}`).toBe("next");
    }
    // A Host that is not a host name is Next's to refuse.
    const odd = await request(port, "/api/packages", { headers: { host: "a b/c" } });
    expect(odd.headers["x-answered-by"]).toBe("next");
    expect(seen).toHaveLength(0);
  });

  it("leaves everything to Next.js until the route is published", async () => {
    const port = await start(undefined);
    const res = await request(port, "/api/packages?q=a");
    expect(res.headers["x-answered-by"]).toBe("next");
  });

  it("answers 500 with the API's error body when the handler throws", async () => {
    const port = await start(
      catalogRoute([], () => {
        throw new Error("boom");
      }),
    );
    const res = await request(port, "/api/packages");
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body)).toEqual({
      error: { code: "internal", message: "Something went wrong on our side." },
    });
  });

  it("skips nothing Next.js would add to /api/packages: no configured headers, no proxy", () => {
    // next.config.ts headers() and proxy.ts run in Next's pipeline, which the direct path skips.
    expect(nextConfig.headers).toBeUndefined();
    const matcher = new RegExp(`^${proxyConfig.matcher[0]}$`);
    expect(matcher.test("/packages")).toBe(true); // the pattern does match pages
    expect(matcher.test("/api/packages")).toBe(false);
  });
});
