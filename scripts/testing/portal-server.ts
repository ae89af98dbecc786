import http from "node:http";
import { NextRequest } from "next/server";
import { GET as getPackage, DELETE as deletePackage } from "@/app/api/packages/[id]/route";
import { GET as listPackages } from "@/app/api/packages/route";

// A portal server process for the multi-replica integration test: Node's HTTP server in front
// of the real route handlers (auth wrapper, catalog read side, delete path, the database pool,
// caches and LISTEN/NOTIFY invalidation — all the same modules `next start` runs), without a
// `next build`, which is minutes on this machine. Prints "listening <port>" once it serves.

type Handler = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;

const routes: Array<{ method: string; pattern: RegExp; handler: Handler; names: string[] }> = [
  { method: "GET", pattern: /^\/api\/packages$/, handler: listPackages, names: [] },
  { method: "GET", pattern: /^\/api\/packages\/([^/]+)$/, handler: getPackage, names: ["id"] },
  {
    method: "DELETE",
    pattern: /^\/api\/packages\/([^/]+)$/,
    handler: deletePackage,
    names: ["id"],
  },
];

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const match = routes
    .map((r) => ({ r, m: req.method === r.method ? r.pattern.exec(url.pathname) : null }))
    .find((x) => x.m);
  if (!match?.m) {
    res.writeHead(404, { "content-type": "application/json" }).end('{"error":"no route"}');
    return;
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const params = Object.fromEntries(match.r.names.map((n, i) => [n, match.m![i + 1]]));
  try {
    const answer = await match.r.handler(new NextRequest(url, { method: req.method, headers }), {
      params: Promise.resolve(params),
    });
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  } catch (e) {
    res.writeHead(500).end(String(e));
  }
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === "object" && address ? address.port : 0}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
