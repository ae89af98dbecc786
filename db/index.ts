import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { requireDatabaseUrl } from "@/lib/env";
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
    max: 10,
    idle_timeout: 30,
    onnotice: () => {},
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
