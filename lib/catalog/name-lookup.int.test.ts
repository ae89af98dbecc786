import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getSql } from "@/db";
import { findNames, likeEscape } from "@/db/queries/catalog-search";
import { runSync } from "@/lib/sync/sync";
import { publishPackages, resetCatalog, resetSandbox } from "@/lib/testing/catalog-kit";

// The name lookups a search starts with, where they read the trigram postings instead of
// every name (catalog-search.ts): a term of one or two letters or digits, and the near names
// of a term whose rarest trigram alone fills the postings budget. What a user notices: the
// same names as reading every name would give.

afterAll(() => closeDb());

// A name holding characters beyond ASCII: pg_trgm keeps such trigrams as hashes, so the pair
// "wq" appears in none of its readable trigrams.
const HASHED = "@platon/äwqä-x";
// More holders of one trigram than the near-name lookup takes as candidates (150), of every
// length from 5 to 164: which of them are nearest in length decides which are scored. Each
// name is the one before with a letter more (a fixed pseudo-random string: no trigram repeats
// inside a name, so no two of them score alike).
let seed = 12345;
const LETTERS = Array.from({ length: 160 }, () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return "abcdefghijklmnoprstuwy"[(seed >>> 16) % 22];
});
const HOLDERS = LETTERS.map((_, i) => `qzx-${LETTERS.slice(0, i + 1).join("")}`);

beforeAll(async () => {
  await resetSandbox();
  await resetCatalog();
  await publishPackages({ project_id: 10, count: 1, package_type: "generic", name: HASHED });
  for (const name of HOLDERS)
    await publishPackages({ project_id: 10, count: 1, package_type: "generic", name });
  await runSync({ kind: "full", trigger: "test", newFilesLimit: 0 });
});

/** The names containing the term and how many package_series rows hold them: a full scan. */
async function scan(term: string) {
  const like = `%${likeEscape(term)}%`;
  const rows = await getSql()<{ name: string; n: number }[]>`
    select name, count(*)::int as n from package_series where name ilike ${like}
    group by name order by name`;
  return { names: rows.map((r) => r.name), rows: rows.reduce((s, r) => s + r.n, 0) };
}

describe("a term of one or two characters", () => {
  it("matches exactly the names containing it, whatever its case or the names' letters", async () => {
    const sql = getSql();
    const letters = "abcdefghijklmnopqrstuvwxyz0123456789".split("");
    // Every single character, every pair the catalog holds, some it does not, capitals.
    const held = await sql<{ pair: string }[]>`
      select distinct lower(substr(name, i, 2)) as pair
      from package_series, generate_series(1, 40) i
      where lower(substr(name, i, 2)) ~ '^[a-z0-9]{2}$'`;
    const terms = [...letters, ...held.map((r) => r.pair), ...["zq", "9x", "WQ", "Pl", "-", "@p"]];
    expect(held.length).toBeGreaterThan(50);
    let seenHashed = false;
    for (const term of terms) {
      const want = await scan(term);
      // Through the postings, and (no postings allowed) counted by the scan instead.
      for (const postings of [undefined, 0]) {
        const found = await findNames(sql, term, 1e6, undefined, postings);
        const contained = found.names.filter((m) => m.score >= 1).map((m) => m.name);
        expect(contained.sort(), term).toEqual(want.names);
        if (want.names.includes(HASHED)) seenHashed = true;
        // Broad past the limit, counted in package_series rows as the scan counts them.
        const limit = Math.max(1, want.rows - 1);
        const broad = await findNames(sql, term, limit, undefined, postings);
        expect(broad.broad !== null, term).toBe(want.rows > limit);
        expect((await findNames(sql, term, want.rows, undefined, postings)).broad, term).toBeNull();
      }
    }
    expect(seenHashed).toBe(true);
    expect((await findNames(sql, "wq", 1e6)).names.map((m) => m.name)).toContain(HASHED);
  });
});

describe("an exact name", () => {
  it("is the whole match, in any case, even where the term is in more names than broad", async () => {
    const sql = getSql();
    // Each holder's name is the one before it with a letter more: the first is in all 160.
    const [first, second] = HOLDERS;
    for (const term of [first, first.toUpperCase(), second]) {
      const found = await findNames(sql, term, 10);
      expect(found.broad, term).toBeNull();
      expect(found.names, term).toEqual([
        { name: term === second ? second : first, score: 2, lower: term.toLowerCase() },
      ]);
    }
    // Not a name itself: broad, the substring rule.
    const prefix = await findNames(sql, first.slice(0, -1), 10);
    expect(prefix.broad?.like).toBe(`%${likeEscape(first.slice(0, -1))}%`);
  });
});

describe("near names through the rarest trigram alone", () => {
  it("score the holders nearest the term in length, on both sides of it", async () => {
    const sql = getSql();
    // The best score among every holder, as scoring every name would find it.
    const best = async (term: string) => {
      const [r] = await sql<{ name: string }[]>`
        select name from package_series
        order by greatest(similarity(name, ${term}), word_similarity(${term}, name)) desc, name
        limit 1`;
      return r.name;
    };
    // A budget of no postings: only the rarest trigram is read, held by the 160 names alone.
    // A term nearest the short names, one nearest the long ones (a digit ends each: no name
    // contains them), and one shorter than every name.
    const near = (n: number) => `${HOLDERS[n - 1]}9`;
    for (const term of [near(5), near(115), "qzxv"]) {
      const found = await findNames(sql, term, undefined, 0);
      expect(found.names[0]?.name, term).toBe(await best(term));
    }
  });
});
