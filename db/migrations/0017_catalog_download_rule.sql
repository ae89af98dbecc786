-- A version's last download is never older than its publication in GitLab's data, so the versions
-- view can bound one date by the other when it walks an order (db/queries/catalog-read.ts,
-- dateWalk). The rows that break the rule anyway are read apart, through this index (normally empty).
CREATE INDEX "packages_downloaded_before_published" ON "packages" USING btree ("id") WHERE "packages"."last_downloaded_at" < "packages"."created_at";