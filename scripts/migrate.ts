import path from "node:path";
import { startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { ROOT } from "./lib/processes";
import { loadDotEnv } from "./lib/stack";

loadDotEnv();

// npm run db:migrate — against DATABASE_URL, or the embedded server in .data/postgres.
const given = process.env.DATABASE_URL;
const pg = given
  ? null
  : await startEmbeddedPostgres({
      dir: path.join(ROOT, ".data", "postgres"),
      port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    });
await migrateDatabase(given ?? pg!.url);
console.log("Migrations applied.");
await pg?.stop();
