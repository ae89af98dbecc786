DROP INDEX "packages_last_downloaded_at_index";--> statement-breakpoint
DROP INDEX "package_series_last_downloaded_at_index";--> statement-breakpoint
CREATE INDEX "packages_last_downloaded_desc" ON "packages" USING btree ("last_downloaded_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "packages_size_desc" ON "packages" USING btree ("size_bytes" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "packages_version_prefix" ON "packages" USING btree ("version" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "packages_name_sort" ON "packages" USING btree (lower("name"),"project_id","package_type","version_rank" desc,"id" desc);--> statement-breakpoint
CREATE INDEX "package_series_last_downloaded_desc" ON "package_series" USING btree ("last_downloaded_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "package_series_total_size_desc" ON "package_series" USING btree ("total_size" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "package_series_name_sort" ON "package_series" USING btree (lower("name"),"project_id","package_type");