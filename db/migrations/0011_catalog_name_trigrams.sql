CREATE TABLE "name_trigrams" (
	"trgm" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "name_trigrams_trgm_name_pk" PRIMARY KEY("trgm","name")
);
--> statement-breakpoint
CREATE TABLE "trigram_names" (
	"trgm" text PRIMARY KEY NOT NULL,
	"names" integer NOT NULL
);

--> statement-breakpoint
-- Kept by the database itself, like project_type_stats (0007): a name's trigrams are added when
-- its first package_series row appears, and removed with its last one. One lock, taken only by
-- statements that added or removed series rows and held to their commit, serialises the writers
-- of these two tables: a name removed by one transaction while another adds it back elsewhere
-- stays listed (the remover sees the other's row once it has committed).
CREATE FUNCTION "name_trigrams_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('name_trigrams', 0));
  WITH added AS (
    INSERT INTO name_trigrams (trgm, name)
      SELECT DISTINCT t, n.name FROM (SELECT DISTINCT name FROM new_rows) n, unnest(show_trgm(n.name)) t
    ON CONFLICT DO NOTHING RETURNING trgm)
  INSERT INTO trigram_names AS d (trgm, names)
    SELECT trgm, count(*)::int FROM added GROUP BY trgm
  ON CONFLICT (trgm) DO UPDATE SET names = d.names + excluded.names;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "name_trigrams_drop"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('name_trigrams', 0));
  WITH gone AS (
    SELECT g.name, t FROM (SELECT DISTINCT o.name FROM old_rows o
      WHERE NOT EXISTS (SELECT 1 FROM package_series s WHERE s.name = o.name)) g,
      unnest(show_trgm(g.name)) t),
  removed AS (
    DELETE FROM name_trigrams n USING gone g WHERE n.trgm = g.t AND n.name = g.name RETURNING n.trgm)
  UPDATE trigram_names d SET names = d.names - r.n
    FROM (SELECT trgm, count(*)::int AS n FROM removed GROUP BY trgm) r WHERE d.trgm = r.trgm;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "package_series_names_ins" AFTER INSERT ON "package_series"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION name_trigrams_add();
--> statement-breakpoint
CREATE TRIGGER "package_series_names_del" AFTER DELETE ON "package_series"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION name_trigrams_drop();
--> statement-breakpoint
INSERT INTO name_trigrams (trgm, name)
  SELECT DISTINCT t, n.name FROM (SELECT DISTINCT name FROM package_series) n, unnest(show_trgm(n.name)) t;
--> statement-breakpoint
INSERT INTO trigram_names (trgm, names) SELECT trgm, count(*)::int FROM name_trigrams GROUP BY trgm;
