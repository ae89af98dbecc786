import { NextRequest } from "next/server";
import type { DirectAnswer } from "@/lib/api/route";

// Route handlers that scripts/portal-worker.mjs may call without Next.js's router: the
// catalog search, which the search box sends at every pause in typing. The handler is the
// route's own export (authentication, validation, request bound, error bodies and all); only
// the routing around it is skipped. instrumentation.ts publishes them when the server starts.
// Headers that next.config.ts would add to every response (`headers()`) are skipped with it:
// the portal configures none; if it ever does, a direct route's handler must set them too.

/** Where the worker finds them: a Map from pathname to DirectRoute on globalThis. */
export const DIRECT_ROUTES = Symbol.for("package-portal.direct-routes");

/**
 * A GET handler called with the request's absolute URL and headers: a Response, or (a route()
 * handler's JSON) the status, headers and JSON text for the worker to write.
 */
export type DirectRoute = (url: string, headers: Headers) => Promise<DirectAnswer>;

type RouteHandler = ((
  req: NextRequest,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>) & { direct?: (req: NextRequest) => Promise<DirectAnswer> };

const noParams = { params: Promise.resolve({}) };

/** Offers `handler` (a route without dynamic segments) to the worker for GET `pathname`. */
export function publishDirectRoute(pathname: string, handler: RouteHandler): void {
  const g = globalThis as { [DIRECT_ROUTES]?: Map<string, DirectRoute> };
  const routes = (g[DIRECT_ROUTES] ??= new Map<string, DirectRoute>());
  routes.set(pathname, (url, headers) => {
    const req = new NextRequest(url, { method: "GET", headers });
    return handler.direct ? handler.direct(req) : handler(req, noParams);
  });
}
