// GitLab-shaped error responses (facts §0).
import type { Ctx } from "./env";

type Status = 400 | 401 | 403 | 404 | 409 | 422 | 500;

export function message(c: Ctx, status: Status, text: string) {
  return c.json({ message: text }, status);
}

export const unauthorized = (c: Ctx) => message(c, 401, "401 Unauthorized");
export const forbidden = (c: Ctx, reason?: string) =>
  message(c, 403, reason ? `403 Forbidden - ${reason}` : "403 Forbidden");
export const projectNotFound = (c: Ctx) => message(c, 404, "404 Project Not Found");
export const groupNotFound = (c: Ctx) => message(c, 404, "404 Group Not Found");
export const recordNotFound = (c: Ctx) => message(c, 404, "404 Not found");
export const badRequest = (c: Ctx, reason: string) =>
  message(c, 400, `400 Bad request - ${reason}`);

/** Grape parameter validation failure: 400 {"error": "<param> <problem>"}. */
export const invalidParam = (c: Ctx, text: string) => c.json({ error: text }, 400);

/** Thrown from helpers to short-circuit a handler with a ready response. */
export class HttpError extends Error {
  constructor(
    readonly status: Status,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message ?? body.error));
  }
}

export function fail(
  status: Status,
  body: Record<string, unknown>,
  headers?: Record<string, string>,
): never {
  throw new HttpError(status, body, headers);
}
