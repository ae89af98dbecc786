-- The plain (project_id, package_type, name) index becomes a covering one: a package's versions latest
-- first, with every column a fold reads or filters on, so folding the matches of a version-level filter
-- is an index-only scan grouped in index order instead of a sequential scan of the whole rows and a hash
-- table (which spilled to disk at 1 000 000 versions). Point lookups by package use it as before.
DROP INDEX "packages_project_id_package_type_name_index";--> statement-breakpoint
CREATE INDEX "packages_fold_cover" ON "packages" USING btree ("project_id","package_type","name","version_rank" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST,"last_downloaded_at","size_bytes","status","version","name_lower");