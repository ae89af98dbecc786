import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { DirectRoute } from "../lib/server/direct-routes";

/** What instrumentation.ts publishes: pathname → its GET handler. */
export type DirectRoutes = Map<string, DirectRoute>;

/** Published routes directly (GET, exact pathname, well-formed Host), the rest to `nextHandler`. */
export function createListener(
  nextHandler: (req: IncomingMessage, res: ServerResponse) => unknown,
  routes?: () => DirectRoutes | undefined,
): RequestListener;
