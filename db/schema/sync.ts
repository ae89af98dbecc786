import { integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

/** One catalog sync run, with its progress while it runs. */
export const syncRuns = pgTable("sync_runs", {
  id: serial("id").primaryKey(),
  kind: text("kind").$type<"incremental" | "full">().notNull(),
  trigger: text("trigger").$type<"cron" | "schedule" | "manual" | "test">().notNull(),
  status: text("status").$type<"running" | "succeeded" | "partial" | "failed">().notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  groupsTotal: integer("groups_total").notNull().default(0),
  groupsDone: integer("groups_done").notNull().default(0),
  pages: integer("pages").notNull().default(0),
  packagesSeen: integer("packages_seen").notNull().default(0),
  packagesUpserted: integer("packages_upserted").notNull().default(0),
  packagesRemoved: integer("packages_removed").notNull().default(0),
  filesFetched: integer("files_fetched").notNull().default(0),
  errors: integer("errors").notNull().default(0),
  errorMessages: jsonb("error_messages").$type<string[]>().notNull().default([]),
});
