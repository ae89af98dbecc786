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

/** A GitLab user who has used the portal (by session or by token). Id = GitLab user id. */
export const users = pgTable("users", {
  id: integer("id").primaryKey(),
  username: text("username").notNull(),
  name: text("name").notNull(),
  avatarUrl: text("avatar_url"),
  isAdmin: boolean("is_admin").notNull().default(false),
  isExternal: boolean("is_external").notNull().default(false),
  // When the readable-projects cache below was last rebuilt from GitLab.
  accessRefreshedAt: timestamp("access_refreshed_at", { withTimezone: true }),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The user's GitLab OAuth pair, encrypted at rest. Only server code reads it; the session
 * cookie carries the user id alone. `generation` increases on every refresh so a racing
 * request can tell that somebody else already rotated the pair.
 */
export const gitlabTokens = pgTable("gitlab_tokens", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  accessTokenEnc: text("access_token_enc").notNull(),
  refreshTokenEnc: text("refresh_token_enc").notNull(),
  scope: text("scope").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  generation: integer("generation").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Effective membership level per project (inherited included), from GitLab. */
export const userProjectAccess = pgTable(
  "user_project_access",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: bigint("project_id", { mode: "number" }).notNull(),
    accessLevel: integer("access_level").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.projectId] }), index().on(t.projectId)],
);

/** Effective membership level per group (inherited included), from GitLab. */
export const userGroupAccess = pgTable(
  "user_group_access",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    groupId: bigint("group_id", { mode: "number" }).notNull(),
    accessLevel: integer("access_level").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.groupId] })],
);
