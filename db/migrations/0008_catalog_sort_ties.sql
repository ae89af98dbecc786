DROP INDEX "packages_last_downloaded_desc";--> statement-breakpoint
DROP INDEX "packages_size_desc";--> statement-breakpoint
DROP INDEX "package_series_newest_at_index";--> statement-breakpoint
DROP INDEX "package_series_last_downloaded_desc";--> statement-breakpoint
DROP INDEX "package_series_total_size_desc";--> statement-breakpoint
CREATE INDEX "packages_last_downloaded_desc" ON "packages" USING btree ("last_downloaded_at" DESC NULLS LAST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "packages_size_desc" ON "packages" USING btree ("size_bytes" DESC NULLS LAST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "package_series_newest_at_index" ON "package_series" USING btree ("newest_at","latest_id");--> statement-breakpoint
CREATE INDEX "package_series_last_downloaded_desc" ON "package_series" USING btree ("last_downloaded_at" DESC NULLS LAST,"latest_id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "package_series_total_size_desc" ON "package_series" USING btree ("total_size" DESC NULLS LAST,"latest_id" DESC NULLS FIRST);