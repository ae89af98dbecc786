// One error vocabulary for handlers, server actions and pages. Codes are a closed set;
// each maps to one HTTP status. Anything else is an internal error: logged, never echoed.

export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  reauth_required: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_input: 422,
  rate_limited: 429,
  internal: 500,
  gitlab_unavailable: 502,
  gitlab_timeout: 504,
  // The portal itself could not answer in time (its database did not, or a bound was hit).
  unavailable: 503,
  not_implemented: 501,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export type ErrorBody = {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
};

/** Maps any thrown value to a safe, user-facing body and status. */
export function toErrorBody(e: unknown): { status: number; body: ErrorBody } {
  if (isAppError(e)) {
    return {
      status: e.status,
      body: {
        error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) },
      },
    };
  }
  console.error("[portal] unexpected error", e instanceof Error ? e.stack : e);
  return {
    status: 500,
    body: { error: { code: "internal", message: "Something went wrong on our side." } },
  };
}
