import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

/** Every attempt at a destructive or administrative action, refusals included. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: integer("actor_id"),
    actorUsername: text("actor_username").notNull(),
    action: text("action").notNull(),
    result: text("result").$type<"success" | "refused" | "failed">().notNull(),
    via: text("via").$type<"ui" | "api" | "bulk" | "cron" | "system">().notNull(),
    projectId: bigint("project_id", { mode: "number" }),
    projectPath: text("project_path"),
    packageId: bigint("package_id", { mode: "number" }),
    packageName: text("package_name"),
    packageVersion: text("package_version"),
    packageType: text("package_type"),
    fileId: bigint("file_id", { mode: "number" }),
    fileName: text("file_name"),
    bytes: bigint("bytes", { mode: "number" }),
    message: text("message"),
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (t) => [index().on(t.at), index().on(t.actorId), index().on(t.projectId), index().on(t.action)],
);
