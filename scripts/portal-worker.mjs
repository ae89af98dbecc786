// One worker of `npm start` (scripts/serve.mjs forks it): the built portal on `-p <port>`.
//
// It is Next.js's own server, as `next start` runs it, with one difference: GET /api/packages
// (the catalog search, which the search box sends at every pause in typing) goes straight to
// that route's handler. The handler is the route's own export — authentication, validation, the
// request bound and the error bodies are all its own; instrumentation.ts publishes it
// (lib/server/direct-routes.ts). What is skipped is Next's routing around it: resolving the
// route, its request and work stores, its response piping. Measured on the 2-core bench machine
// at 100 000 versions, that routing was about half the server's CPU for a search the page cache
// answers, and it set how many searches a second the portal could answer.
//
// Every other request, and this one until the handler is published, goes to Next.js.
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIRECT_ROUTES = Symbol.for("package-portal.direct-routes");
const HOST = /^[\w.-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$/;

/** The published routes (pathname → (url, headers) => Response), or undefined before start. */
function publishedRoutes() {
  return globalThis[DIRECT_ROUTES];
}

/**
 * The handler that answers `req` directly, or null: only GET, only a published pathname exactly
 * (a trailing slash, HEAD and the rest stay with Next), and only with a well-formed Host.
 */
function directRouteFor(req, routes) {
  if (req.method !== "GET" || !routes || !req.url) return null;
  const q = req.url.indexOf("?");
  const route = routes.get(q === -1 ? req.url : req.url.slice(0, q));
  if (!route) return null;
  const host = req.headers.host ?? "localhost";
  return HOST.test(host) ? (headers) => route(`http://${host}${req.url}`, headers) : null;
}

/**
 * Calls `answer` with the request's headers and writes its answer to `res`: a route()
 * handler's JSON (status, headers, text) as it is, any other Response through its body.
 */
async function answerDirect(answer, req, res) {
  try {
    const headers = new Headers();
    const raw = req.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
    const response = await answer(headers);
    if (!(response instanceof Response)) {
      const body = Buffer.from(response.body);
      res.writeHead(response.status, { ...response.headers, "content-length": body.length });
      res.end(body);
      return;
    }
    const body = Buffer.from(await response.arrayBuffer());
    const out = {};
    response.headers.forEach((value, name) => {
      if (name !== "set-cookie") out[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) out["set-cookie"] = cookies;
    out["content-length"] = body.length;
    res.writeHead(response.status, out);
    res.end(body);
  } catch (e) {
    // The route handler maps its own errors; this is only for what escapes it.
    console.error("Direct route failed:", e);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(500, { "content-type": "application/json" });
    res.end(
      JSON.stringify({ error: { code: "internal", message: "Something went wrong on our side." } }),
    );
  }
}

/** The request listener: published routes directly, everything else to `nextHandler`. */
export function createListener(nextHandler, routes = publishedRoutes) {
  return (req, res) => {
    const answer = directRouteFor(req, routes());
    if (answer) void answerDirect(answer, req, res);
    else void nextHandler(req, res);
  };
}

async function main() {
  process.env.NODE_ENV ??= "production";
  const at = process.argv.indexOf("-p");
  const port = Number(at === -1 ? (process.env.PORT ?? 3000) : process.argv[at + 1]);
  const t0 = Date.now();
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: ROOT, port });
  try {
    await app.prepare();
  } catch (e) {
    // No build, a broken one, a bad environment: Next's message says what to do; its stack
    // trace would only bury it.
    console.error(`The portal could not start: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
  const server = http.createServer(createListener(app.getRequestHandler()));
  const stop = () => {
    server.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  server.listen(port, () =>
    console.log(`✓ Ready on http://localhost:${port} in ${Date.now() - t0} ms`),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
