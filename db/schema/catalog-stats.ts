import { bigint, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Per project and package type: versions, packages (series), bytes, versions of unknown size,
 * newest version. Maintained by triggers on `packages` (migration 0007), so every write to the
 * mirror — sync, file backfill, delete, retention — keeps it exact without the write path
 * having to remember it. A user's figures are these rows summed over their readable projects:
 * exact per user and a few hundred rows to read instead of every version.
 */
export const projectTypeStats = pgTable(
  "project_type_stats",
  {
    projectId: bigint("project_id", { mode: "number" }).notNull(),
    packageType: text("package_type").notNull(),
    versions: integer("versions").notNull(),
    series: integer("series").notNull(),
    bytes: bigint("bytes", { mode: "number" }).notNull(),
    unknownSize: integer("unknown_size").notNull(),
    newestAt: timestamp("newest_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.packageType] })],
);
