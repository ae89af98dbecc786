-- Autovacuum for the catalog's two big tables after 1 % of their rows changed, not PostgreSQL's
-- default 20 %. The catalog's folds and counts are index-only scans (packages_fold_cover, the
-- version cover), and a page stops being all-visible as soon as one of its rows is updated: after
-- the file backfill had set the sizes of 2 000 of 100 000 versions, a fold read 27 000 rows from
-- the heap as well (published_to, oldest first, on a warm connection: 45 ms; 38 ms once vacuumed),
-- and at the default scale autovacuum waited for 20 000 changes. Inserts (a sync's new versions)
-- count too.
ALTER TABLE "packages" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);--> statement-breakpoint
ALTER TABLE "package_series" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);
