CREATE TABLE "project_type_stats" (
	"project_id" bigint NOT NULL,
	"package_type" text NOT NULL,
	"versions" integer NOT NULL,
	"series" integer NOT NULL,
	"bytes" bigint NOT NULL,
	"unknown_size" integer NOT NULL,
	"newest_at" timestamp with time zone,
	CONSTRAINT "project_type_stats_project_id_package_type_pk" PRIMARY KEY("project_id","package_type")
);
--> statement-breakpoint
CREATE INDEX "packages_stale_order" ON "packages" USING btree ("last_downloaded_at" NULLS FIRST,"created_at","id");--> statement-breakpoint
-- Kept exact by the database itself: every statement that changes `packages` (sync, file
-- backfill, delete, retention, a project's cascade) recomputes the rows of the projects it
-- touched. One project's rows are a few hundred versions, read through packages' project index.
-- The advisory lock per project serialises two writers of the same project: the second one
-- recomputes only after the first committed, so it sees both (a plain upsert would keep
-- whichever view committed last). Locks are taken in id order.
CREATE FUNCTION "refresh_project_type_stats"(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE pid bigint;
BEGIN
  FOR pid IN SELECT DISTINCT u FROM unnest(ids) u WHERE u IS NOT NULL ORDER BY u LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('project_type_stats:' || pid, 0));
  END LOOP;
  DELETE FROM project_type_stats s WHERE s.project_id = ANY(ids)
    AND NOT EXISTS (SELECT 1 FROM packages p WHERE p.project_id = s.project_id AND p.package_type = s.package_type);
  INSERT INTO project_type_stats AS s (project_id, package_type, versions, series, bytes, unknown_size, newest_at)
    SELECT p.project_id, p.package_type, count(*)::int, count(DISTINCT p.name)::int,
      coalesce(sum(p.size_bytes), 0), (count(*) FILTER (WHERE p.size_bytes IS NULL))::int, max(p.created_at)
    FROM packages p WHERE p.project_id = ANY(ids) GROUP BY p.project_id, p.package_type
  ON CONFLICT (project_id, package_type) DO UPDATE SET versions = excluded.versions,
    series = excluded.series, bytes = excluded.bytes, unknown_size = excluded.unknown_size,
    newest_at = excluded.newest_at;
END $$;
--> statement-breakpoint
CREATE FUNCTION "packages_stats_ins"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_project_type_stats(ARRAY(SELECT DISTINCT project_id FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "packages_stats_del"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_project_type_stats(ARRAY(SELECT DISTINCT project_id FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Updates of ranks, download times or sync stamps leave the aggregates alone, and the row
-- triggers' WHEN clauses keep them from even being called. A size filled in by the file backfill
-- (one version at a time) is a delta on its project's row, under the same per-project lock; a
-- version whose date, name, type or project changed recomputes its project(s).
CREATE FUNCTION "packages_stats_size"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('project_type_stats:' || NEW.project_id, 0));
  UPDATE project_type_stats s SET bytes = s.bytes + coalesce(NEW.size_bytes, 0) - coalesce(OLD.size_bytes, 0),
    unknown_size = s.unknown_size + (NEW.size_bytes IS NULL)::int - (OLD.size_bytes IS NULL)::int
  WHERE s.project_id = NEW.project_id AND s.package_type = NEW.package_type;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "packages_stats_moved"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_project_type_stats(ARRAY[OLD.project_id, NEW.project_id]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "packages_stats_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM project_type_stats;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "packages_stats_ins" AFTER INSERT ON "packages" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION packages_stats_ins();
--> statement-breakpoint
CREATE TRIGGER "packages_stats_del" AFTER DELETE ON "packages" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION packages_stats_del();
--> statement-breakpoint
CREATE TRIGGER "packages_stats_size" AFTER UPDATE OF "size_bytes" ON "packages" FOR EACH ROW
  WHEN (OLD.size_bytes IS DISTINCT FROM NEW.size_bytes AND OLD.project_id = NEW.project_id
    AND OLD.package_type = NEW.package_type AND OLD.name = NEW.name AND OLD.created_at = NEW.created_at)
  EXECUTE FUNCTION packages_stats_size();
--> statement-breakpoint
CREATE TRIGGER "packages_stats_moved" AFTER UPDATE OF "project_id", "package_type", "name", "created_at" ON "packages" FOR EACH ROW
  WHEN (OLD.project_id IS DISTINCT FROM NEW.project_id OR OLD.package_type IS DISTINCT FROM NEW.package_type
    OR OLD.name IS DISTINCT FROM NEW.name OR OLD.created_at IS DISTINCT FROM NEW.created_at)
  EXECUTE FUNCTION packages_stats_moved();
--> statement-breakpoint
CREATE TRIGGER "packages_stats_truncate" AFTER TRUNCATE ON "packages"
  FOR EACH STATEMENT EXECUTE FUNCTION packages_stats_truncate();
--> statement-breakpoint
-- Backfill: the mirror as it stands.
INSERT INTO project_type_stats (project_id, package_type, versions, series, bytes, unknown_size, newest_at)
  SELECT project_id, package_type, count(*)::int, count(DISTINCT name)::int, coalesce(sum(size_bytes), 0),
    (count(*) FILTER (WHERE size_bytes IS NULL))::int, max(created_at)
  FROM packages GROUP BY project_id, package_type;
