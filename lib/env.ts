import { availableParallelism } from "node:os";
import { z } from "zod";

// The one place that reads process.env. Values are validated once, lazily, so `next build`
// works without a runtime environment and a misconfigured server stops with a message that
// names the variable and what it expects.

const SANDBOX_DEFAULTS = {
  clientId: "portal-local",
  clientSecret: "portal-local-secret",
  serviceToken: "glpat-sandbox-admin",
};

const url = (what: string) =>
  z
    .string()
    .url(`${what} must be an absolute URL such as https://gitlab.example.com`)
    .transform((s) => s.replace(/\/+$/, ""));

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4999),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// connection URL")
      .optional(),
    // Connections this process keeps to PostgreSQL (default: 2 × CPU cores + 1, at most 10).
    DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(100).optional(),
    // Set by scripts/serve.mjs: how many workers of this portal share the host.
    PORTAL_WORKERS: z.coerce.number().int().min(1).max(8).default(1),
    GITLAB_URL: url("GITLAB_URL").optional(),
    GITLAB_OAUTH_CLIENT_ID: z.string().min(1).optional(),
    GITLAB_OAUTH_CLIENT_SECRET: z.string().min(1).optional(),
    GITLAB_SERVICE_TOKEN: z.string().min(1).optional(),
    GITLAB_SYNC_GROUPS: z
      .string()
      .optional()
      .transform((s) =>
        s
          ? s
              .split(",")
              .map((g) => g.trim())
              .filter(Boolean)
          : [],
      ),
    NEXTAUTH_URL: url("NEXTAUTH_URL").optional(),
    NEXTAUTH_SECRET: z
      .string()
      .min(32, "NEXTAUTH_SECRET must be at least 32 characters (openssl rand -base64 32)")
      .optional(),
    CRON_SECRET: z
      .string()
      .min(16, "CRON_SECRET must be at least 16 characters (openssl rand -hex 24)")
      .optional(),
    PORTAL_SYNC_INTERVAL_MINUTES: z.coerce.number().min(0).default(0),
    // A full sync refuses to remove more than this share of the catalog in one run (0–100 %).
    PORTAL_SYNC_MAX_REMOVAL_PERCENT: z.coerce.number().min(0).max(100).default(10),
    // Incremental runs re-read this many newest package pages per group (status and downloads).
    PORTAL_SYNC_REFRESH_PAGES: z.coerce.number().int().min(0).max(50).default(2),
    PORTAL_INSTANCE_NAME: z.string().default("Package Portal"),
    // One GitLab HTTP attempt, and one whole portal request that waits on GitLab (end to end,
    // retries included). The request bound stays under 35 s by default.
    GITLAB_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
    GITLAB_DEADLINE_MS: z.coerce.number().int().min(100).max(300_000).default(25_000),
    PORTAL_RETENTION_BUDGET: z.coerce
      .number()
      .int("PORTAL_RETENTION_BUDGET must be a whole number of deletions")
      .min(1, "PORTAL_RETENTION_BUDGET must be at least 1")
      .default(500),
    PORTAL_RETENTION_INTERVAL_MINUTES: z.coerce.number().min(0).default(0),
  })
  .superRefine((env, ctx) => {
    // Against a real GitLab every credential must be given; against the sandbox
    // (no GITLAB_URL) the fixture's well-known values are used.
    if (env.GITLAB_URL) {
      for (const key of [
        "GITLAB_OAUTH_CLIENT_ID",
        "GITLAB_OAUTH_CLIENT_SECRET",
        "GITLAB_SERVICE_TOKEN",
        "NEXTAUTH_SECRET",
        "CRON_SECRET",
      ] as const) {
        if (!env[key])
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: `${key} is required when GITLAB_URL is set (see .env.example)`,
          });
      }
    }
  });

export type Env = {
  nodeEnv: "development" | "production" | "test";
  port: number;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  gitlabUrl: string;
  usingSandbox: boolean;
  oauthClientId: string;
  oauthClientSecret: string;
  serviceToken: string;
  syncGroups: string[];
  nextAuthUrl: string;
  nextAuthSecret: string;
  cronSecret: string;
  syncIntervalMinutes: number;
  syncMaxRemovalPercent: number;
  syncRefreshPages: number;
  instanceName: string;
  gitlabRequestTimeoutMs: number;
  gitlabDeadlineMs: number;
  /** Most GitLab deletions one retention run makes; the rest wait for the next run. */
  retentionBudget: number;
  retentionIntervalMinutes: number;
};

export class EnvError extends Error {
  constructor(issues: string[]) {
    super(`Invalid environment:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/**
 * The pool's default size: PostgreSQL's rule of thumb, 2 × cores + 1, capped at 10. More
 * connections than that only add backends competing for the same cores; and each connection
 * prepares every statement shape once for itself (an extra round trip the first time), so a
 * smaller pool is warm sooner. Measured on 2 cores at 16 concurrent searches: 10 connections
 * 176–221 searches/s in the rounds after start, 5 connections 259–293.
 */
export function defaultPoolMax(cores: number, workers = 1): number {
  // Several workers on one host (scripts/serve.mjs) share the host's budget.
  return Math.max(2, Math.ceil(Math.min(10, 2 * cores + 1) / workers));
}

export function parseEnv(
  source: Record<string, string | undefined>,
  cores = availableParallelism(),
): Env {
  const blanksRemoved = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = schema.safeParse(blanksRemoved);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`),
    );
  }
  const e = result.data;
  const usingSandbox = !e.GITLAB_URL;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX ?? defaultPoolMax(cores, e.PORTAL_WORKERS),
    gitlabUrl: e.GITLAB_URL ?? `http://localhost:${e.SANDBOX_PORT}`,
    usingSandbox,
    oauthClientId: e.GITLAB_OAUTH_CLIENT_ID ?? SANDBOX_DEFAULTS.clientId,
    oauthClientSecret: e.GITLAB_OAUTH_CLIENT_SECRET ?? SANDBOX_DEFAULTS.clientSecret,
    serviceToken: e.GITLAB_SERVICE_TOKEN ?? SANDBOX_DEFAULTS.serviceToken,
    syncGroups: e.GITLAB_SYNC_GROUPS,
    nextAuthUrl: e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`,
    // The sandbox-only fallbacks are never used against a real GitLab (refined above).
    nextAuthSecret: e.NEXTAUTH_SECRET ?? "sandbox-only-secret-do-not-use-in-production-0000",
    cronSecret: e.CRON_SECRET ?? "sandbox-cron-secret",
    syncIntervalMinutes: e.PORTAL_SYNC_INTERVAL_MINUTES,
    syncMaxRemovalPercent: e.PORTAL_SYNC_MAX_REMOVAL_PERCENT,
    syncRefreshPages: e.PORTAL_SYNC_REFRESH_PAGES,
    instanceName: e.PORTAL_INSTANCE_NAME,
    gitlabRequestTimeoutMs: e.GITLAB_REQUEST_TIMEOUT_MS,
    gitlabDeadlineMs: e.GITLAB_DEADLINE_MS,
    retentionBudget: e.PORTAL_RETENTION_BUDGET,
    retentionIntervalMinutes: e.PORTAL_RETENTION_INTERVAL_MINUTES,
  };
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The database URL, or a clear error telling how to get one. */
export function requireDatabaseUrl(): string {
  const url = env().databaseUrl;
  if (!url) {
    throw new EnvError([
      "DATABASE_URL: not set. Start the portal with `npm run demo`, `npm run dev` or `npm start` " +
        "(they start an embedded PostgreSQL), or set DATABASE_URL=postgres://…",
    ]);
  }
  return url;
}
