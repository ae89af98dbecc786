import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env, requireDatabaseUrl } from "@/lib/env";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle; queries accept one optionally. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

type Cached = { sql: postgres.Sql; db: Db };
// Cached on globalThis so Next's dev reloads don't open a new pool per edit.
const globalForDb = globalThis as unknown as { __portalDb?: Cached };

function connect(): Cached {
  const sql = postgres(requireDatabaseUrl(), {
    max: env().databasePoolMax,
    idle_timeout: 30,
    onnotice: () => {},
    // postgres.js prepares every statement; after five runs PostgreSQL may switch to a
    // generic plan, which for the catalog's `project_id = any($ids)`, `name = any($names)`
    // and `version like $prefix` filters cannot use the right index (a version search
    // went from 9 ms to 300 ms). Planning these is ~1 ms, so always plan with the values.
    connection: { plan_cache_mode: "force_custom_plan" },
  });
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
