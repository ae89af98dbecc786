// Applies injected faults to /api/v4, /api/graphql and /oauth requests (never to the control
// API): GitLab's own throttles and outages reach its GraphQL endpoint too.
import type { MiddlewareHandler } from "hono";
import { DISPLAYABLE } from "../state/types";
import type { SandboxEnv } from "./env";

const RATE_LIMIT = 600;

export const injectFaults: MiddlewareHandler<SandboxEnv> = async (c, next) => {
  const path = new URL(c.req.url).pathname;
  if (!path.startsWith("/api/v4") && path !== "/api/graphql" && !path.startsWith("/oauth"))
    return next();
  const faults = c.get("rt").faults;
  const d = faults.decide(path);
  if (d.hang) await faults.untilCleared();
  if (d.latencyMs > 0) await new Promise((r) => setTimeout(r, d.latencyMs));
  if (d.throttled) {
    // lib/api/helpers/rate_limiter.rb: render_api_error!({ error: … }, 429) — JSON, no
    // Retry-After; the RateLimit-* headers come only with the throttled answer.
    const t = d.throttled;
    c.header("RateLimit-Name", "sandbox_endpoint_limit");
    c.header("RateLimit-Limit", String(t.limit));
    c.header("RateLimit-Observed", String(t.observed));
    c.header("RateLimit-Remaining", "0");
    c.header("RateLimit-Reset", String(t.resetAt));
    c.header("RateLimit-ResetTime", new Date(t.resetAt * 1000).toUTCString());
    return c.json(
      { message: { error: "This endpoint has been requested too many times. Try again later." } },
      429,
    );
  }
  if (d.status === 429) {
    const reset = Math.floor(Date.now() / 1000) + d.retryAfter;
    c.header("Retry-After", String(d.retryAfter));
    c.header("RateLimit-Name", "throttle_authenticated_api");
    c.header("RateLimit-Limit", String(RATE_LIMIT));
    c.header("RateLimit-Observed", String(RATE_LIMIT + 1));
    c.header("RateLimit-Remaining", "0");
    c.header("RateLimit-Reset", String(reset));
    c.header("RateLimit-ResetTime", new Date(reset * 1000).toUTCString());
    // GitLab's Rack::Attack answers in plain text
    return c.text("Retry later\n", 429);
  }
  if (d.status === 500) return c.json({ message: "500 Internal Server Error" }, 500);
  if (d.status === 503) return c.json({ message: "503 Service Unavailable" }, 503);
  await next();
  // delete_package: the answer is built; the delete lands before the client's next request.
  const rt = c.get("rt");
  for (const id of d.deletePackages) {
    const p = rt.store.packages.get(id);
    if (!p || !DISPLAYABLE.has(p.status)) continue;
    p.status = "pending_destruction";
    rt.store.touched.add(p.id);
    rt.changed();
  }
};
