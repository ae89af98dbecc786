import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env, requireDatabaseUrl } from "@/lib/env";
import { trackQuery } from "./request-work";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle; queries accept one optionally. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

type Cached = { sql: postgres.Sql; db: Db };
// Cached on globalThis so Next's dev reloads don't open a new pool per edit.
const globalForDb = globalThis as unknown as { __portalDb?: Cached };

/**
 * Options postgres.js reads but does not declare: `onquery` is our patch's hook
 * (patches/postgres+3.4.9.patch), each query as a connection takes it; `max_pipeline` is its
 * own (default 100).
 */
type UndeclaredOptions = {
  onquery: (query: Parameters<typeof trackQuery>[0]) => void;
  max_pipeline: number;
};

function connect(): Cached {
  const options: postgres.Options<Record<string, never>> & UndeclaredOptions = {
    max: env().databasePoolMax,
    idle_timeout: 30,
    onnotice: () => {},
    // postgres.js prepares every statement; after five runs PostgreSQL may switch to a
    // generic plan, which for the catalog's `project_id = any($ids)`, `name = any($names)`
    // and `version like $prefix` filters cannot use the right index (a version search
    // went from 9 ms to 300 ms). Planning these is ~1 ms, so always plan with the values.
    // A transaction left open by a request that never finished (an await that never settles,
    // a bug) would hold its locks and its connection forever: PostgreSQL ends such a session
    // after a minute idle inside a transaction. The longest wait inside one is a GitLab token
    // refresh under its per-user lock, bounded at 15 s (lib/gitlab/oauth.ts).
    connection: {
      plan_cache_mode: "force_custom_plan",
      idle_in_transaction_session_timeout: 60_000,
    },
    // A request's statements, cancelled if the request is given up at its bound.
    onquery: trackQuery,
    // One statement at a time per connection; the rest wait in the pool's queue, first come
    // first served. postgres.js otherwise pipelines a statement onto a busy connection, where
    // it waits behind whatever runs there (a slow count, a statement on a locked table) while
    // other connections free up; and a cancel sent to a pipelined statement can arrive before
    // PostgreSQL starts it, and be lost. Measured at 16 concurrent searches over 100 000
    // versions: the same throughput and p95 either way.
    max_pipeline: 1,
  };
  const sql = postgres(requireDatabaseUrl(), options);
  return { sql, db: drizzle(sql, { schema }) };
}

export function getDb(): Db {
  globalForDb.__portalDb ??= connect();
  return globalForDb.__portalDb.db;
}

export function getSql(): postgres.Sql {
  globalForDb.__portalDb ??= connect();
  return globalForDb.__portalDb.sql;
}

export async function closeDb(): Promise<void> {
  const cached = globalForDb.__portalDb;
  globalForDb.__portalDb = undefined;
  await cached?.sql.end({ timeout: 5 });
}

export { schema };
