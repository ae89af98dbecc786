import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

// The catalog mirror: GitLab stays the source of truth; these rows make search across the
// whole instance one indexed query.

export const groups = pgTable("groups", {
  id: bigint("id", { mode: "number" }).primaryKey(),
  parentId: bigint("parent_id", { mode: "number" }),
  fullPath: text("full_path").notNull().unique(),
  name: text("name").notNull(),
  visibility: text("visibility").notNull(),
  webUrl: text("web_url").notNull(),
  syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
});

export const projects = pgTable(
  "projects",
  {
    id: bigint("id", { mode: "number" }).primaryKey(),
    groupId: bigint("group_id", { mode: "number" }),
    // Every ancestor group id, nearest last: lets "group with subgroups" be one array test.
    groupPathIds: bigint("group_path_ids", { mode: "number" }).array().notNull().default([]),
    pathWithNamespace: text("path_with_namespace").notNull(),
    name: text("name").notNull(),
    visibility: text("visibility").notNull(),
    registryAccessLevel: text("registry_access_level").notNull().default("enabled"),
    webUrl: text("web_url").notNull(),
    syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().using("gin", t.groupPathIds), index().on(t.pathWithNamespace)],
);

export const packages = pgTable(
  "packages",
  {
    id: bigint("id", { mode: "number" }).primaryKey(),
    projectId: bigint("project_id", { mode: "number" })
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // lower(name), stored. A broad term ("@pl", "lib") is matched as a substring on every row
    // its count or page walk reads: ILIKE lowercased each name as it went, about 1.2 µs a row
    // under UTF-8 (120 ms per 100 000 rows), where LIKE on the stored lowercase name costs
    // 0.05 µs. `name_lower like lower(pattern)` is what ILIKE computes.
    nameLower: text("name_lower")
      .notNull()
      .generatedAlwaysAs(sql`lower(name)`),
    version: text("version"),
    packageType: text("package_type").notNull(),
    status: text("status").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastDownloadedAt: timestamp("last_downloaded_at", { withTimezone: true }),
    webPath: text("web_path"),
    // Ecosystem order of this version among the versions of the same project/type/name,
    // 1 = lowest. Recomputed whenever that set changes.
    versionRank: integer("version_rank").notNull().default(0),
    isPrerelease: integer("is_prerelease").notNull().default(0),
    pipeline: jsonb("pipeline").$type<{
      id: number;
      ref?: string | null;
      sha?: string | null;
      web_url?: string | null;
      user?: { username: string; name: string } | null;
    } | null>(),
    // Unknown (null) until the package's files have been fetched.
    sizeBytes: bigint("size_bytes", { mode: "number" }),
    fileCount: integer("file_count"),
    filesSyncedAt: timestamp("files_synced_at", { withTimezone: true }),
    syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A package's versions, latest first (package_series' pick: highest rank, newest, highest
    // id), with every column a fold reads or filters on: refreshing a package's series row, and
    // the packages view's probe "holds a version matching the status or the version term"
    // (catalog-plan.ts), are index-only reads of one package's entries. (It was built for
    // folding every match of a version-level filter, which the packages view no longer does.)
    index("packages_fold_cover").on(
      t.projectId,
      t.packageType,
      t.name,
      t.versionRank.desc().nullsFirst(),
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
      t.lastDownloadedAt,
      t.sizeBytes,
      t.status,
      t.version,
      t.nameLower,
    ),
    index().on(t.createdAt),
    // Serves "downloaded" sorts (desc nulls last) and the downloaded-before/never filters.
    // Both sort indexes end in the sorts' tie-break, so a page is read in order even inside a
    // large tie (never downloaded; size unknown until the file backfill reaches it).
    index("packages_last_downloaded_desc").on(
      t.lastDownloadedAt.desc().nullsLast(),
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("packages_size_desc").on(
      t.sizeBytes.desc().nullsLast(),
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // The ascending sorts ("least recently downloaded", "smallest first"): unknowns still last
    // and newest first on ties, which no backward scan of the two above gives. Without them a
    // page sorted so read and sorted every match (80-90 ms at 100 000 versions).
    index("packages_last_downloaded_asc").on(
      t.lastDownloadedAt.asc().nullsLast(),
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("packages_size_asc").on(
      t.sizeBytes.asc().nullsLast(),
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // A scope's stale versions, oldest download first: read in order and stop at the page end.
    index("packages_stale_order").on(
      t.lastDownloadedAt.asc().nullsFirst(),
      t.createdAt.asc(),
      t.id.asc(),
    ),
    index().on(t.packageType),
    // A broad term's substring rule (`name_lower like`), where its matches are few enough.
    index("packages_name_lower_trgm").using("gin", sql`${t.nameLower} gin_trgm_ops`),
    index("packages_version_trgm").using("gin", sql`${t.version} gin_trgm_ops`),
    // Version-prefix search ("2.1.0", "ui-kit 1.2") as an index range, not a trigram recheck.
    // The trailing columns are all a relevance-sorted search needs to pick its page (readable
    // project, name score, type, newest first), so that runs as an index-only scan: a broad
    // version term matches thousands of versions spread over as many heap pages (7 ms → 0.7 ms).
    // Newest first within one version: one version's newest rows are read in order and the
    // read stops at the page (catalog-page.ts, newestFirst), where "1.0.0" read all 7 700 of
    // its rows to sort them at 100 000 versions.
    index("packages_version_cover").using(
      "btree",
      sql`${t.version} text_pattern_ops`,
      sql`${t.createdAt} desc`,
      sql`${t.id} desc`,
      t.projectId,
      t.name,
      t.packageType,
    ),
    // The flat view sorted by name (and by version within a name).
    index("packages_name_sort").using(
      "btree",
      sql`lower(${t.name})`,
      t.projectId,
      t.packageType,
      sql`${t.versionRank} desc`,
      sql`${t.id} desc`,
    ),
    index("packages_files_pending")
      .on(t.id)
      .where(sql`${t.filesSyncedAt} is null`),
    // Catalog search joins matched names to versions; uncommon statuses are filtered on.
    index("packages_name_index").on(t.name),
    index("packages_status_uncommon")
      .on(t.status)
      .where(sql`${t.status} <> 'default'`),
    // Versions whose last download is older than their publication, which GitLab never
    // records: normally none. The versions view's date walks bound a download by its
    // publication and read these few apart, through this index (catalog-read.ts, dateWalk).
    index("packages_downloaded_before_published")
      .on(t.id)
      .where(sql`${t.lastDownloadedAt} < ${t.createdAt}`),
  ],
);

export const packageFiles = pgTable(
  "package_files",
  {
    id: bigint("id", { mode: "number" }).primaryKey(),
    packageId: bigint("package_id", { mode: "number" })
      .notNull()
      .references(() => packages.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    fileMd5: text("file_md5"),
    fileSha1: text("file_sha1"),
    fileSha256: text("file_sha256"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.packageId), uniqueIndex().on(t.packageId, t.id)],
);
