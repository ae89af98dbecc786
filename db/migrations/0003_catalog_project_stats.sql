-- Per-project row estimates: with the default statistics target (100) most projects fall
-- outside packages.project_id's most-common-values list, so "the packages of these three
-- projects" is estimated ~8x too high and the planner walks a sort index over the whole
-- table instead of reading those projects' rows. 1000 covers every project up to 1000.
ALTER TABLE "packages" ALTER COLUMN "project_id" SET STATISTICS 1000;--> statement-breakpoint
ALTER TABLE "package_series" ALTER COLUMN "project_id" SET STATISTICS 1000;--> statement-breakpoint
ANALYZE "packages";--> statement-breakpoint
ANALYZE "package_series";
