import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as catalogRoute } from "@/app/api/packages/route";
import { resetSandbox, seedMirror } from "@/lib/testing/delete-kit";
import { createListener, type DirectRoutes } from "@/scripts/portal-worker.mjs";
import { DIRECT_ROUTES, publishDirectRoute } from "./direct-routes";

// The worker answers GET /api/packages through the route's `direct` call, writing its JSON
// itself; Next.js calls the same route with its own request and gets a Response. A caller must
// not be able to tell them apart: the same status, body and headers, for an answer, a refusal
// and bad input.

let server: http.Server;
let port = 0;

beforeAll(async () => {
  await resetSandbox();
  await seedMirror();
  publishDirectRoute("/api/packages", catalogRoute);
  const routes = (globalThis as { [DIRECT_ROUTES]?: DirectRoutes })[DIRECT_ROUTES];
  server = http.createServer(
    createListener(
      (_req, res) => {
        res.writeHead(599);
        res.end("next");
      },
      () => routes,
    ),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

function overWorker(path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.get({ host: "127.0.0.1", port, path, headers }, (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on("error", reject);
    },
  );
}

async function throughNext(path: string, headers: Record<string, string>) {
  const res = await catalogRoute(new NextRequest(`http://127.0.0.1:${port}${path}`, { headers }), {
    params: Promise.resolve({}),
  });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

const DEVELOPER = { "PRIVATE-TOKEN": "glpat-sandbox-developer" };

describe("the catalog search answered by the worker directly", () => {
  it.each([
    ["a search", "/api/packages?q=platon&view=versions", DEVELOPER, 200],
    ["the packages view", "/api/packages?view=packages", DEVELOPER, 200],
    ["bad input", "/api/packages?per_page=0", DEVELOPER, 422],
    ["no credentials", "/api/packages?q=platon", {}, 401],
  ] as const)("%s: the status, body and headers Next.js would send", async (_, path, h, status) => {
    const headers = { ...h, "cache-control": "no-cache" };
    const next = await throughNext(path, headers);
    const direct = await overWorker(path, headers);
    expect(next.status).toBe(status);
    expect(direct.status).toBe(status);
    expect(JSON.parse(direct.body)).toEqual(JSON.parse(next.body));
    expect(direct.headers["content-type"]).toBe(next.headers.get("content-type"));
    expect(direct.headers["x-catalog-cache"]).toBe(
      next.headers.get("x-catalog-cache") ?? undefined,
    );
    expect(direct.headers["content-length"]).toBe(String(Buffer.byteLength(direct.body)));
    if (status === 200) expect(JSON.parse(direct.body).items.length).toBeGreaterThan(0);
    else expect(JSON.parse(direct.body).error.code).toBeTruthy();
  });
});
