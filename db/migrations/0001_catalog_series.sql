CREATE TABLE "package_series" (
	"project_id" bigint NOT NULL,
	"package_type" text NOT NULL,
	"name" text NOT NULL,
	"latest_id" bigint NOT NULL,
	"version_count" integer NOT NULL,
	"total_size" bigint,
	"size_known" boolean NOT NULL,
	"newest_at" timestamp with time zone NOT NULL,
	"last_downloaded_at" timestamp with time zone,
	CONSTRAINT "package_series_project_id_package_type_name_pk" PRIMARY KEY("project_id","package_type","name")
);
--> statement-breakpoint
CREATE INDEX "package_series_name_trgm" ON "package_series" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "package_series_name_gist" ON "package_series" USING gist ("name" gist_trgm_ops);--> statement-breakpoint
CREATE INDEX "package_series_newest_at_index" ON "package_series" USING btree ("newest_at");--> statement-breakpoint
CREATE INDEX "package_series_last_downloaded_at_index" ON "package_series" USING btree ("last_downloaded_at");--> statement-breakpoint
CREATE INDEX "package_series_latest_id_index" ON "package_series" USING btree ("latest_id");--> statement-breakpoint
CREATE INDEX "packages_name_index" ON "packages" USING btree ("name");--> statement-breakpoint
CREATE INDEX "packages_status_uncommon" ON "packages" USING btree ("status") WHERE "packages"."status" <> 'default';