import { NextResponse, type NextRequest } from "next/server";
import { z, type ZodType } from "zod";
import { authenticateToken, lazyGitlab, tokenFromHeaders } from "@/lib/auth/api-token";
import type { Identity } from "@/lib/auth/actor";
import { sessionUserId } from "@/lib/auth/request-session";
import { forgetTokens } from "@/lib/auth/tokens";
import { sessionUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AppError, toErrorBody } from "@/lib/errors";
import { withGitlabDeadline } from "@/lib/gitlab/deadline";
import { userGitlab } from "@/lib/gitlab/user-client";
import { REQUEST_MARGIN_MS, requestBoundMs, within, withinRequest } from "@/lib/bounded";
import { assertCleanJson, assertCleanPath, assertCleanQuery, readUtf8Body } from "./clean-input";
import { timingSafeEqual } from "node:crypto";

// One wrapper for every route handler: authenticate first (session cookie, GitLab token, or
// the cron secret — an anonymous caller gets 401, never a 422 describing the schema), then
// validate params/query/body with zod, and map errors to
// {"error":{"code","message"}} with the right status.

export type { Identity, Via } from "@/lib/auth/actor";

/**
 * A JSON answer, its status and headers, before it is a Response: route() makes the Response
 * for Next.js, and `direct` (the catalog search without Next's router) writes the JSON itself.
 */
export class JsonReply {
  constructor(
    readonly body: unknown,
    readonly init: { status?: number; headers?: Record<string, string> } = {},
  ) {}
}

/** A handler's JSON answer with a status or headers of its own (a plain value answers 200). */
export function jsonReply(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): JsonReply {
  return new JsonReply(body, init);
}

/** What a route's `direct` call answers: its JSON written out, or the handler's own Response. */
export type DirectAnswer =
  Response | { status: number; headers: Record<string, string>; body: string };

type RouteParams = { params: Promise<Record<string, string>> };
const NO_PARAMS: RouteParams = { params: Promise.resolve({}) };

function toResponse(answer: Response | JsonReply): Response {
  return answer instanceof JsonReply ? NextResponse.json(answer.body, answer.init) : answer;
}

type Auth = "user" | "cron" | "public";

export { REQUEST_MARGIN_MS };

type Ctx<A extends Auth, Q, B, P> = {
  req: NextRequest;
  query: Q;
  body: B;
  params: P;
} & (A extends "user" ? { identity: Identity } : object);

type Options<A extends Auth, Q, B, P> = {
  auth: A;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  params?: ZodType<P>;
};

function issuesToError(where: string, error: z.ZodError): AppError {
  const first = error.issues[0];
  const name = first?.path.join(".") || where;
  return new AppError(
    "invalid_input",
    `Invalid ${where} parameter "${name}": ${first?.message ?? "invalid"}`,
    {
      issues: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    },
  );
}

/**
 * Validates after authentication, for handlers that must not answer 422 to a caller who is not
 * even signed in (or may not act): 422 with every field's message in details.issues.
 */
export function parseInput<T>(where: string, schema: ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw issuesToError(where, r.error);
  return r.data;
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

async function identify(req: NextRequest): Promise<Identity> {
  const token = tokenFromHeaders(req.headers);
  if (token) {
    const found = await authenticateToken(token);
    return lazyGitlab({ user: found.user, via: "token" as const }, () => found.gitlab);
  }
  // No session cookie: 401 without decrypting anything.
  const userId = await sessionUserId(req);
  const user = userId === null ? null : await sessionUser(userId);
  if (!user) {
    throw new AppError(
      userId !== null ? "reauth_required" : "unauthenticated",
      userId !== null
        ? "Your GitLab sign-in has expired. Please sign in again."
        : "Sign in, or send a GitLab token as Authorization: Bearer or PRIVATE-TOKEN.",
    );
  }
  // Cookie-authenticated writes must come from our own pages (no cross-site requests).
  if (req.method !== "GET" && req.method !== "HEAD") {
    const origin = req.headers.get("origin");
    const allowed = new URL(env().nextAuthUrl).origin;
    if (!origin || (origin !== allowed && origin !== req.nextUrl.origin)) {
      throw new AppError("forbidden", "Cross-site request refused.");
    }
  }
  return lazyGitlab({ user, via: "session" as const }, () => userGitlab(user.id));
}

export function route<A extends Auth, Q = undefined, B = undefined, P = undefined>(
  opts: Options<A, Q, B, P>,
  handler: (ctx: Ctx<A, Q, B, P>) => Promise<Response | JsonReply | unknown>,
) {
  const answer = async (req: NextRequest, context: RouteParams): Promise<Response | JsonReply> => {
    let identity: Identity | undefined;
    try {
      // Every GitLab call this request makes shares one bound (cron-triggered syncs excepted:
      // they are jobs, and take their own time).
      const run = (work: () => Promise<Response | JsonReply>) =>
        opts.auth === "cron" ? work() : withGitlabDeadline(env().gitlabDeadlineMs, work);
      if (opts.auth === "cron") return await run(() => handle(req, context));
      // And the whole request, whatever it waits on (a database that does not answer, a
      // table locked by maintenance): GitLab's share, plus a margin for the portal's own work.
      // A read given up at the bound cancels its statements; a change is left to complete
      // (a package deleted in GitLab still gets its audit entry).
      const reads = req.method === "GET" || req.method === "HEAD";
      const late = () => {
        throw new AppError(
          "unavailable",
          reads
            ? "The portal could not answer in time: its database is not responding. Try again shortly."
            : "The portal could not answer in time: its database is not responding. The change may still complete — check the audit log before trying again.",
        );
      };
      const work = () => run(() => handle(req, context));
      return await (reads
        ? withinRequest(requestBoundMs(), work, late)
        : within(requestBoundMs(), work(), late));
    } catch (e) {
      // GitLab no longer accepts the user's token (revoked, or refresh refused): drop it so
      // every page sends them to sign in again with a clear message.
      if (e instanceof AppError && e.code === "reauth_required" && identity?.via === "session") {
        await forgetTokens(identity.user.id).catch(() => {});
      }
      const { status, body } = toErrorBody(e);
      return new JsonReply(body, { status });
    }

    async function handle(req: NextRequest, context: RouteParams): Promise<Response | JsonReply> {
      if (opts.auth === "cron") {
        const header = req.headers.get("authorization") ?? "";
        const given = header.replace(/^Bearer\s+/i, "");
        if (!given || !safeEqual(given, env().cronSecret)) {
          throw new AppError(
            "unauthenticated",
            "Cron routes need Authorization: Bearer $CRON_SECRET.",
          );
        }
      } else if (opts.auth === "user") {
        identity = await identify(req);
      }
      const rawParams = context?.params ? await context.params : {};
      // NUL bytes and broken UTF-8 never reach zod, SQL or GitLab: 422 naming the parameter.
      assertCleanPath(req.nextUrl.pathname, rawParams);
      assertCleanQuery(req.nextUrl.search);
      let params = rawParams as unknown as P;
      if (opts.params) {
        const r = opts.params.safeParse(rawParams);
        if (!r.success) {
          const err = issuesToError("path", r.error);
          throw new AppError("not_found", err.message);
        }
        params = r.data;
      }
      let query = undefined as Q;
      if (opts.query) {
        const raw: Record<string, string | string[]> = {};
        for (const key of new Set(req.nextUrl.searchParams.keys())) {
          const all = req.nextUrl.searchParams.getAll(key);
          raw[key] = all.length > 1 ? all : all[0];
        }
        const r = opts.query.safeParse(raw);
        if (!r.success) throw issuesToError("query", r.error);
        query = r.data;
      }
      let body = undefined as B;
      if (opts.body) {
        let json: unknown;
        const text = await readUtf8Body(req);
        try {
          json = JSON.parse(text);
        } catch {
          throw new AppError("invalid_input", "The request body must be JSON.");
        }
        assertCleanJson(json);
        const r = opts.body.safeParse(json);
        if (!r.success) throw issuesToError("body", r.error);
        body = r.data;
      }
      const ctx = { req, query, body, params } as Ctx<A, Q, B, P>;
      if (identity) (ctx as { identity: Identity }).identity = identity;
      const result = await handler(ctx);
      if (result instanceof Response || result instanceof JsonReply) return result;
      return new JsonReply(result ?? null);
    }
  };
  // Next.js calls the route with its request; scripts/portal-worker.mjs calls `direct` with
  // one it made (lib/server/direct-routes.ts) and writes the JSON to the socket itself, not
  // through a Response's body stream: 0.15 ms of Node CPU a search (13 % of it), at 16
  // concurrent searches over 100 000 versions.
  return Object.assign(
    async (req: NextRequest, context: RouteParams) => toResponse(await answer(req, context)),
    {
      direct: async (req: NextRequest): Promise<DirectAnswer> => {
        const reply = await answer(req, NO_PARAMS);
        if (reply instanceof Response) return reply;
        return {
          status: reply.init.status ?? 200,
          headers: { ...reply.init.headers, "content-type": "application/json" },
          body: JSON.stringify(reply.body ?? null),
        };
      },
    },
  );
}
