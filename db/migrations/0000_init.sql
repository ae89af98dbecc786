CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "gitlab_tokens" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"access_token_enc" text NOT NULL,
	"refresh_token_enc" text NOT NULL,
	"scope" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"generation" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_group_access" (
	"user_id" integer NOT NULL,
	"group_id" bigint NOT NULL,
	"access_level" integer NOT NULL,
	CONSTRAINT "user_group_access_user_id_group_id_pk" PRIMARY KEY("user_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "user_project_access" (
	"user_id" integer NOT NULL,
	"project_id" bigint NOT NULL,
	"access_level" integer NOT NULL,
	CONSTRAINT "user_project_access_user_id_project_id_pk" PRIMARY KEY("user_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"name" text NOT NULL,
	"avatar_url" text,
	"is_admin" boolean DEFAULT false NOT NULL,
	"is_external" boolean DEFAULT false NOT NULL,
	"access_refreshed_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" bigint PRIMARY KEY NOT NULL,
	"parent_id" bigint,
	"full_path" text NOT NULL,
	"name" text NOT NULL,
	"visibility" text NOT NULL,
	"web_url" text NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "groups_full_path_unique" UNIQUE("full_path")
);
--> statement-breakpoint
CREATE TABLE "package_files" (
	"id" bigint PRIMARY KEY NOT NULL,
	"package_id" bigint NOT NULL,
	"file_name" text NOT NULL,
	"size" bigint NOT NULL,
	"file_md5" text,
	"file_sha1" text,
	"file_sha256" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "packages" (
	"id" bigint PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL,
	"name" text NOT NULL,
	"version" text,
	"package_type" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_downloaded_at" timestamp with time zone,
	"web_path" text,
	"version_rank" integer DEFAULT 0 NOT NULL,
	"is_prerelease" integer DEFAULT 0 NOT NULL,
	"pipeline" jsonb,
	"size_bytes" bigint,
	"file_count" integer,
	"files_synced_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" bigint PRIMARY KEY NOT NULL,
	"group_id" bigint,
	"group_path_ids" bigint[] DEFAULT '{}' NOT NULL,
	"path_with_namespace" text NOT NULL,
	"name" text NOT NULL,
	"visibility" text NOT NULL,
	"registry_access_level" text DEFAULT 'enabled' NOT NULL,
	"web_url" text NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"groups_total" integer DEFAULT 0 NOT NULL,
	"groups_done" integer DEFAULT 0 NOT NULL,
	"pages" integer DEFAULT 0 NOT NULL,
	"packages_seen" integer DEFAULT 0 NOT NULL,
	"packages_upserted" integer DEFAULT 0 NOT NULL,
	"packages_removed" integer DEFAULT 0 NOT NULL,
	"files_fetched" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"error_messages" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"actor_username" text NOT NULL,
	"action" text NOT NULL,
	"result" text NOT NULL,
	"via" text NOT NULL,
	"project_id" bigint,
	"project_path" text,
	"package_id" bigint,
	"package_name" text,
	"package_version" text,
	"package_type" text,
	"file_id" bigint,
	"file_name" text,
	"bytes" bigint,
	"message" text,
	"details" jsonb
);
--> statement-breakpoint
ALTER TABLE "gitlab_tokens" ADD CONSTRAINT "gitlab_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_group_access" ADD CONSTRAINT "user_group_access_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_project_access" ADD CONSTRAINT "user_project_access_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_files" ADD CONSTRAINT "package_files_package_id_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packages" ADD CONSTRAINT "packages_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_project_access_project_id_index" ON "user_project_access" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "package_files_package_id_index" ON "package_files" USING btree ("package_id");--> statement-breakpoint
CREATE UNIQUE INDEX "package_files_package_id_id_index" ON "package_files" USING btree ("package_id","id");--> statement-breakpoint
CREATE INDEX "packages_project_id_package_type_name_index" ON "packages" USING btree ("project_id","package_type","name");--> statement-breakpoint
CREATE INDEX "packages_created_at_index" ON "packages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "packages_last_downloaded_at_index" ON "packages" USING btree ("last_downloaded_at");--> statement-breakpoint
CREATE INDEX "packages_package_type_index" ON "packages" USING btree ("package_type");--> statement-breakpoint
CREATE INDEX "packages_name_trgm" ON "packages" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "packages_version_trgm" ON "packages" USING gin ("version" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "packages_files_pending" ON "packages" USING btree ("id") WHERE "packages"."files_synced_at" is null;--> statement-breakpoint
CREATE INDEX "projects_group_path_ids_index" ON "projects" USING gin ("group_path_ids");--> statement-breakpoint
CREATE INDEX "projects_path_with_namespace_index" ON "projects" USING btree ("path_with_namespace");--> statement-breakpoint
CREATE INDEX "audit_events_at_index" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_events_actor_id_index" ON "audit_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "audit_events_project_id_index" ON "audit_events" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "audit_events_action_index" ON "audit_events" USING btree ("action");