import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

// Retention: stored policies (DESIGN.md "Retention" policy document, one column per field),
// their runs, and every per-package action a run took.

export const retentionPolicies = pgTable(
  "retention_policies",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    scopeType: text("scope_type").$type<"group" | "project">().notNull(),
    scopeId: bigint("scope_id", { mode: "number" }).notNull(),
    packageTypes: text("package_types").array().notNull().default([]),
    namePattern: text("name_pattern"),
    versionPattern: text("version_pattern"),
    prereleaseOnly: boolean("prerelease_only").notNull().default(false),
    keepLatest: integer("keep_latest"),
    olderThanDays: integer("older_than_days"),
    notDownloadedDays: integer("not_downloaded_days"),
    keepDuplicateFiles: integer("keep_duplicate_files"),
    protectPattern: text("protect_pattern"),
    keepNewest: boolean("keep_newest").notNull().default(true),
    mode: text("mode").$type<"dry_run" | "enforce">().notNull().default("dry_run"),
    enabled: boolean("enabled").notNull().default(true),
    // The author's role is what lets the service token act; re-checked at every run.
    authorId: integer("author_id").notNull(),
    authorUsername: text("author_username").notNull(),
    // Set when the author lost the role: the policy does nothing until an Owner re-enables it.
    suspendedReason: text("suspended_reason"),
    suspendedAt: timestamp("suspended_at", { withTimezone: true }),
    updatedBy: text("updated_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.scopeType, t.scopeId)],
);

export type RunStatus = "running" | "succeeded" | "partial" | "failed" | "suspended";

export const retentionRuns = pgTable(
  "retention_runs",
  {
    id: serial("id").primaryKey(),
    policyId: integer("policy_id")
      .notNull()
      .references(() => retentionPolicies.id, { onDelete: "cascade" }),
    trigger: text("trigger").$type<"cron" | "schedule" | "manual">().notNull(),
    mode: text("mode").$type<"dry_run" | "enforce">().notNull(),
    status: text("status").$type<RunStatus>().notNull().default("running"),
    startedBy: text("started_by"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    planned: integer("planned").notNull().default(0),
    deleted: integer("deleted").notNull().default(0),
    wouldDelete: integer("would_delete").notNull().default(0),
    kept: integer("kept").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    // Left for the next run when the per-run budget ran out.
    remaining: integer("remaining").notNull().default(0),
    bytesFreed: bigint("bytes_freed", { mode: "number" }).notNull().default(0),
    bytesPlanned: bigint("bytes_planned", { mode: "number" }).notNull().default(0),
    message: text("message"),
  },
  (t) => [index().on(t.policyId, t.startedAt)],
);

export type RunAction = "deleted" | "would_delete" | "kept" | "skipped" | "failed";

export const retentionRunActions = pgTable(
  "retention_run_actions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: integer("run_id")
      .notNull()
      .references(() => retentionRuns.id, { onDelete: "cascade" }),
    packageId: bigint("package_id", { mode: "number" }).notNull(),
    fileId: bigint("file_id", { mode: "number" }),
    fileName: text("file_name"),
    projectId: bigint("project_id", { mode: "number" }).notNull(),
    packageType: text("package_type").notNull(),
    name: text("name").notNull(),
    version: text("version"),
    action: text("action").$type<RunAction>().notNull(),
    reason: text("reason").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull().default(0),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.runId, t.action), index().on(t.packageId)],
);
