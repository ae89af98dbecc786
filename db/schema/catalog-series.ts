import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

/**
 * One row per package (project, type, name) with its highest version and totals — the
 * catalog's folded view at 100k versions without aggregating on every request. Derived
 * from `packages`; rebuilt by catalog sync and file backfill (lib/catalog/series.ts).
 */
export const packageSeries = pgTable(
  "package_series",
  {
    projectId: bigint("project_id", { mode: "number" }).notNull(),
    packageType: text("package_type").notNull(),
    name: text("name").notNull(),
    // lower(name), stored: a broad term is matched as `name_lower like lower('%term%')`, the
    // same rule as `name ilike '%term%'` (PostgreSQL's ILIKE lowercases both sides with
    // lower()), without lowercasing every row read (see packages.name_lower).
    nameLower: text("name_lower")
      .notNull()
      .generatedAlwaysAs(sql`lower(name)`),
    latestId: bigint("latest_id", { mode: "number" }).notNull(),
    versionCount: integer("version_count").notNull(),
    // Null while any version's size is unknown.
    totalSize: bigint("total_size", { mode: "number" }),
    sizeKnown: boolean("size_known").notNull(),
    newestAt: timestamp("newest_at", { withTimezone: true }).notNull(),
    lastDownloadedAt: timestamp("last_downloaded_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.packageType, t.name] }),
    // GIN and GiST for substring (ILIKE) matches: the planner takes the GiST one under a
    // limit. (GiST served the nearest-name k-NN too, until near names came from name_trigrams.)
    index("package_series_name_trgm").using("gin", sql`${t.name} gin_trgm_ops`),
    index("package_series_name_gist").using("gist", sql`${t.name} gist_trgm_ops`),
    // Equality on a list of names (the near names of a search): without a btree the planner
    // answers `name = any(…)` from the GiST index, one trigram-tree search per name — 7 ms
    // for 67 names, against 0.5 ms here.
    index("package_series_name_index").on(t.name),
    // Names holding a character beyond ASCII (pg_trgm hashes their trigrams): a short term's
    // names come from the trigram postings plus these (catalog-search.ts, shortTermNames).
    index("package_series_name_nonascii")
      .on(t.name)
      .where(sql`${t.name} ~ '[^ -~]'`),
    // Sort indexes end in the sorts' tie-break (latest_id = the latest version's id), so a
    // page is read in order even inside a large tie (every size unknown before the backfill).
    index("package_series_newest_at_index").on(t.newestAt, t.latestId),
    index("package_series_last_downloaded_desc").on(
      t.lastDownloadedAt.desc().nullsLast(),
      t.latestId.desc().nullsFirst(),
    ),
    index("package_series_total_size_desc").on(
      t.totalSize.desc().nullsLast(),
      t.latestId.desc().nullsFirst(),
    ),
    // Ascending, unknowns still last (see packages_size_asc).
    index("package_series_last_downloaded_asc").on(
      t.lastDownloadedAt.asc().nullsLast(),
      t.latestId.desc().nullsFirst(),
    ),
    index("package_series_total_size_asc").on(
      t.totalSize.asc().nullsLast(),
      t.latestId.desc().nullsFirst(),
    ),
    index("package_series_name_sort").using(
      "btree",
      sql`lower(${t.name})`,
      t.projectId,
      t.packageType,
    ),
    index().on(t.latestId),
  ],
);
