import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

/** pathname → a GET handler called with the request's absolute URL and headers. */
export type DirectRoutes = Map<string, (url: string, headers: Headers) => Promise<Response>>;

/** The routes instrumentation.ts published, or undefined before it ran. */
export function publishedRoutes(): DirectRoutes | undefined;
/** The direct answer for `req` (GET of a published pathname, well-formed Host), or null. */
export function directRouteFor(
  req: IncomingMessage,
  routes: DirectRoutes | undefined,
): ((headers: Headers) => Promise<Response>) | null;
/** Calls `answer` with the request's headers and writes its Response to `res`. */
export function answerDirect(
  answer: (headers: Headers) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void>;
/** Published routes directly, everything else to `nextHandler`. */
export function createListener(
  nextHandler: (req: IncomingMessage, res: ServerResponse) => unknown,
  routes?: () => DirectRoutes | undefined,
): RequestListener;
