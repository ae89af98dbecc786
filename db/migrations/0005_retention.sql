CREATE TABLE "retention_policies" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"scope_type" text NOT NULL,
	"scope_id" bigint NOT NULL,
	"package_types" text[] DEFAULT '{}' NOT NULL,
	"name_pattern" text,
	"version_pattern" text,
	"prerelease_only" boolean DEFAULT false NOT NULL,
	"keep_latest" integer,
	"older_than_days" integer,
	"not_downloaded_days" integer,
	"keep_duplicate_files" integer,
	"protect_pattern" text,
	"keep_newest" boolean DEFAULT true NOT NULL,
	"mode" text DEFAULT 'dry_run' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"author_id" integer NOT NULL,
	"author_username" text NOT NULL,
	"suspended_reason" text,
	"suspended_at" timestamp with time zone,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_run_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"package_id" bigint NOT NULL,
	"file_id" bigint,
	"file_name" text,
	"project_id" bigint NOT NULL,
	"package_type" text NOT NULL,
	"name" text NOT NULL,
	"version" text,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"size_bytes" bigint DEFAULT 0 NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"policy_id" integer NOT NULL,
	"trigger" text NOT NULL,
	"mode" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"started_by" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"planned" integer DEFAULT 0 NOT NULL,
	"deleted" integer DEFAULT 0 NOT NULL,
	"would_delete" integer DEFAULT 0 NOT NULL,
	"kept" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"remaining" integer DEFAULT 0 NOT NULL,
	"bytes_freed" bigint DEFAULT 0 NOT NULL,
	"bytes_planned" bigint DEFAULT 0 NOT NULL,
	"message" text
);
--> statement-breakpoint
ALTER TABLE "retention_run_actions" ADD CONSTRAINT "retention_run_actions_run_id_retention_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."retention_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_runs" ADD CONSTRAINT "retention_runs_policy_id_retention_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."retention_policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "retention_policies_scope_type_scope_id_index" ON "retention_policies" USING btree ("scope_type","scope_id");--> statement-breakpoint
CREATE INDEX "retention_run_actions_run_id_action_index" ON "retention_run_actions" USING btree ("run_id","action");--> statement-breakpoint
CREATE INDEX "retention_run_actions_package_id_index" ON "retention_run_actions" USING btree ("package_id");--> statement-breakpoint
CREATE INDEX "retention_runs_policy_id_started_at_index" ON "retention_runs" USING btree ("policy_id","started_at");