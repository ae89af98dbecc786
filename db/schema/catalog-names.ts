import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * Every package name's trigrams (pg_trgm's show_trgm), one row per (trigram, name), and how
 * many names hold each trigram. A misspelt search looks its near names up through the term's
 * rarest trigrams (db/queries/catalog-search.ts): a handful of short posting lists, whatever the
 * catalog's size, where a nearest-neighbour search over every name cost 40–100 ms at 10 000
 * names and ten times that at 100 000 (every name shares the organisation's own trigrams, so
 * the trigram index could prune nothing). Kept by triggers on package_series (migration 0011).
 */
export const nameTrigrams = pgTable(
  "name_trigrams",
  {
    trgm: text("trgm").notNull(),
    name: text("name").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.trgm, t.name] }),
    // A common trigram's holders nearest in length to the term, read in order (nearNames).
    index("name_trigrams_trgm_length").on(t.trgm, sql`length(${t.name})`, t.name),
  ],
);

export const trigramNames = pgTable("trigram_names", {
  trgm: text("trgm").primaryKey(),
  /** Names holding the trigram (0 once the last one is gone). */
  names: integer("names").notNull(),
});
