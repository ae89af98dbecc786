import type postgres from "postgres";
import type { Frag } from "./catalog-filters";
import type { BroadNames } from "./catalog-page";

// Typo-tolerant name search over package_series (one row per package, ~10× fewer than
// versions). Candidates are substring matches plus near names: the nearest 50 by trigram
// similarity and 50 by word similarity among the names sharing most of the term's rarest
// trigrams (name_trigrams, migration 0011). Only names scoring close to the best are kept.
//
// Near names used to be the 50 nearest by each measure over every name (GiST k-NN). Every name shares the organisation's own trigrams ("platon"), so the index could
// prune nothing and each search scored every name: 40–100 ms at 10 000 names, about ten times
// that at 100 000, paid by every new term typed into the search box. A trigram held by
// thousands of names says nothing about which of them is meant; the rare ones do.

export type SearchTerms = { term?: string; version?: string; versionOnly?: boolean };
/** `lower`: PostgreSQL's lower(name) (not JavaScript's: they differ on some letters). */
export type NameMatch = { name: string; score: number; lower: string };

/** "ui-kit 1.2" → name "ui-kit" + version prefix "1.2"; "1.2.0" alone → a version prefix. */
export function splitSearch(q: string | undefined): SearchTerms {
  const text = q?.trim();
  if (!text) return {};
  const parts = text.split(/\s+/);
  const last = parts[parts.length - 1];
  const looksLikeVersion = (s: string) => /^v?\d[\w.+-]*$/.test(s);
  if (parts.length > 1 && looksLikeVersion(last)) {
    return { term: parts.slice(0, -1).join(" "), version: last.replace(/^v(?=\d)/, "") };
  }
  if (looksLikeVersion(text))
    return { term: text, version: text.replace(/^v(?=\d)/, ""), versionOnly: true };
  return { term: text };
}

export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const MAX_NAMES = 5000;
/**
 * Near names are looked up through the term's rarest trigrams, rarest first, until this many
 * (trigram, name) postings are read; the rarest is always read.
 */
export const NEAR_POSTINGS = 5000;
/** Of the names met there, the ones sharing most of those trigrams are scored exactly. */
const NEAR_CANDIDATES = 150;
/** Near names kept: the nearest this many by each measure, as the k-NN lists kept them. */
const NEAREST = 50;

/**
 * A term's near names (a subquery of `name, score`, the score as findNames scores a name
 * that does not contain the term): among the names holding the most of its rarest
 * trigrams (nearest in length, then holding the rarer ones, first; a trigram no name holds,
 * a typo's own, costs nothing), the NEAREST by trigram similarity and the NEAREST by word
 * similarity. Bounded by `postings` whatever the catalog's size. Measured against the k-NN
 * over every name it replaced, on 431 misspelt names, fragments and prefixes at 100 000
 * versions: the best match found every time, the ten best scores the same in over 90 % of
 * searches (the rest differ from the 6th place on, among names tied or nearly tied).
 */
function nearNames(sql: postgres.Sql, term: string) {
  const len = sql`length(${term}::text)`;
  // Candidates rank by how many of the read trigrams they hold, then by closeness in length.
  // When only the rarest trigram is read (it alone fills the budget, or the next would pass
  // it), every candidate holds one: the ranking is closeness in length, then name — read
  // straight from name_trigrams' (trgm, length, name) index, 2 × NEAR_CANDIDATES entries,
  // instead of every name holding a common trigram: for a term made of the organisation's own
  // trigrams ("plat", "lib"), every name — 41–47 ms at 10 000 names, and ten times the names
  // at 1 000 000 versions. The same candidates, in the same order.
  return sql`select name, greatest(sim, word_sim) as score from (
      select name, sim, word_sim,
        row_number() over (order by sim desc, name) as by_similarity,
        row_number() over (order by word_sim desc, name) as by_word
      from (select name, similarity(name, ${term}) as sim, word_similarity(${term}, name) as word_sim
        from (
          select n.name from name_trigrams n join read k on k.trgm = n.trgm
          where (select count(*) > 1 from read)
          group by n.name
          order by count(*) desc, abs(length(n.name) - ${len}), sum(1.0 / k.names) desc, n.name
          limit ${NEAR_CANDIDATES}) c
        union all
        select name, similarity(name, ${term}) as sim, word_similarity(${term}, name) as word_sim
        from (select name from (
            (select n.name, length(n.name) as len from name_trigrams n
              where n.trgm = (select trgm from read order by names, trgm limit 1) and length(n.name) >= ${len}
              order by length(n.name), n.name limit ${NEAR_CANDIDATES})
            union all
            (select n.name, length(n.name) as len from name_trigrams n
              where n.trgm = (select trgm from read order by names, trgm limit 1) and length(n.name) < ${len}
              order by length(n.name) desc, n.name limit ${NEAR_CANDIDATES})) a
          where (select count(*) = 1 from read)
          order by abs(len - ${len}), name limit ${NEAR_CANDIDATES}) c1) m) near
    where by_similarity <= ${NEAREST} or by_word <= ${NEAREST}`;
}

/** nearNames as the CTE `as`, with the trigrams it reads (CTE `read`): for a WITH list. */
const nearNamesAs = (sql: postgres.Sql, term: string, postings: number, as: Frag) =>
  sql`read as (${readTrigrams(sql, term, postings)}), ${as} as (${nearNames(sql, term)})`;

/** The term's trigrams that nearNames reads (a CTE body: trgm, names), rarest first. */
function readTrigrams(sql: postgres.Sql, term: string, postings: number) {
  return sql`select r.trgm, r.names from (
      select d.trgm, d.names, sum(d.names) over (order by d.names, d.trgm) as run
      from trigram_names d where d.trgm = any(show_trgm(${term})) and d.names > 0) r
    where r.run - r.names = 0 or r.run <= ${postings}`;
}

/** Past this many names containing the term, it is "broad": matched as a substring rule. */
export const BROAD_NAMES = 200;

/**
 * What a term matches. `broad`: more than BROAD_NAMES names contain it — the match is then the
 * substring rule itself (`name ilike '%term%'`, exact at any size, where a list of thousands of
 * names costs more to plan than to run and would have to be cut) plus `names`: the few near
 * names that don't contain it. Otherwise `names` lists every match with its score.
 */
export type NameSearch = { names: NameMatch[]; broad: BroadNames | null };

export async function findNames(
  sql: postgres.Sql,
  term: string,
  broadNames = BROAD_NAMES,
  nearPostings = NEAR_POSTINGS,
  /** Tests only: past this many postings a short term is counted by the scan. */
  shortPostings = SHORT_POSTINGS,
): Promise<NameSearch> {
  const like = `%${likeEscape(term)}%`;
  // How many package_series rows hold a name containing the term, up to broadNames + 1.
  // pg_trgm extracts no trigram from a pattern of one or two characters: the trigram indexes
  // would return every name to recheck (12–50 ms for 10 000 names); a plain scan stops at the
  // limit — at once for a broad term. (A rare short term with a character other than a letter
  // or digit, such as ".c", still reads every name.)
  const nameCol = term.length <= 2 ? sql`(name || '')` : sql`name`;
  const countContaining = sql`select count(*)::int from (
    select 1 from package_series where ${nameCol} ilike ${like} limit ${broadNames + 1}) s`;
  // An exact name (any case) hides mere substring matches and near names (scoredNames keeps
  // scores ≥ 0.75 × the best, and only exact names score 2): then nothing else is needed —
  // the commonest search of all (a name typed or pasted whole) skips the k-NN lists. The
  // exact names and the count come in one round trip (the count is only run without an exact
  // name); a short term's names (shortTermNames) are asked alongside.
  type Exact = { name: string; lower: string };
  let exact: Exact[];
  let counted: number | null = null;
  let short: Awaited<ReturnType<typeof shortTermNames>> | null = null;
  if (SHORT_TERM.test(term))
    [exact, short] = await Promise.all([
      sql<Exact[]>`
        select distinct name, lower(name) as lower from package_series
        where lower(name) = lower(${term}) order by name`,
      shortTermNames(sql, term, like, broadNames, shortPostings),
    ]);
  else {
    const [row] = await sql<{ exact: Exact[] | null; n: number | null }[]>`
      with e as (
        select distinct name, lower(name) as lower from package_series
        where lower(name) = lower(${term}))
      select (select json_agg(e order by e.name) from e) as exact,
        case when exists (select 1 from e) then null else (${countContaining}) end as n`;
    exact = row.exact ?? [];
    counted = row.n;
  }
  if (exact.length)
    return {
      names: exact.map((r) => ({ name: r.name, score: 2, lower: r.lower })),
      broad: null,
    };
  // Unless the term is broad, a subquery of the names containing it.
  let n: number;
  let substrings: Frag;
  if (short && (short.names || short.n > broadNames)) {
    n = short.n;
    substrings = sql`select unnest(${sql.array(short.names ?? [])}::text[]) as name`;
  } else {
    n = counted ?? (await sql<{ count: number }[]>`${countContaining}`)[0].count;
    substrings = sql`select name from package_series where ${nameCol} ilike ${like} limit ${MAX_NAMES}`;
  }
  if (n <= broadNames)
    return { names: await scoredNames(sql, term, like, substrings, nearPostings), broad: null };
  // Substring matches score 1, so a near name must score ≥ 0.75 to stay (scoredNames' rule).
  // A term of one or two characters shares at most a third of its trigrams with a name that
  // doesn't contain it: no near names.
  const near =
    term.length <= 2
      ? []
      : await sql<{ name: string; score: number; lower: string }[]>`
          with ${nearNamesAs(sql, term, nearPostings, sql`c`)}
          select name, lower(name) as lower, score from c
          where name not ilike ${like} and score >= 0.75 order by score desc, name`;
  const others = near.map((r) => ({ name: r.name, score: Number(r.score), lower: r.lower }));
  return { names: others, broad: { like, others } };
}

/**
 * Past this many (trigram, name) postings of the trigrams holding a short term, shortTermNames
 * leaves the term to the plain scan: so many names contain it that the scan stops at once.
 */
const SHORT_POSTINGS = 5000;

/** The terms shortTermNames reads from the trigram postings: one or two letters or digits. */
const SHORT_TERM = /^[a-z0-9]{1,2}$/i;

/**
 * The names containing a term of one or two letters or digits, and how many package_series rows
 * hold them (counted up to broadNames + 1), from the trigram postings instead of a scan of every
 * name: a rare pair such as "we" cost a scan of all names twice (13 ms at 10 000 names, 130 ms at
 * 100 000), where a common one stops at the count's limit. pg_trgm splits a name into words of
 * letters and digits and lowercases them; every character and every adjacent pair of a word
 * sits inside one of its trigrams, so a name contains the term exactly when it holds a trigram
 * containing it — except where a trigram holds a character beyond ASCII, which pg_trgm keeps as
 * a hash: names with one are read through their own (usually empty) partial index, and every
 * candidate is checked with the substring rule itself. For SHORT_TERM terms only.
 * When its trigrams have more than SHORT_POSTINGS postings (a broad term: the scan is quick),
 * the rows are counted by the plain scan in the same statement and `names` is null.
 */
async function shortTermNames(
  sql: postgres.Sql,
  term: string,
  like: string,
  broadNames: number,
  shortPostings: number,
): Promise<{ n: number; names: string[] | null }> {
  const [row] = await sql<{ postings: number; n: number; names: string[] }[]>`
    with t as (
      select trgm, names from trigram_names where names > 0 and strpos(trgm, lower(${term})) > 0),
    total as (select coalesce(sum(names), 0)::int as postings from t),
    m as (select name from (
        select n.name from name_trigrams n
        where n.trgm = any(array(select trgm from t)) and (select postings from total) <= ${shortPostings}
        union
        select name from package_series where name ~ '[^ -~]') c
      where name ilike ${like})
    select (select postings from total) as postings,
      case when (select postings from total) <= ${shortPostings}
        then (select count(*)::int from (select 1 from package_series f where f.name in (select name from m)
          limit ${broadNames + 1}) x)
        else (select count(*)::int from (select 1 from package_series where (name || '') ilike ${like}
          limit ${broadNames + 1}) s) end as n,
      array(select name from m order by name limit ${MAX_NAMES}) as names`;
  return { n: row.n, names: row.postings > shortPostings ? null : row.names };
}

/**
 * Names matching the term, best first: every substring match, plus the near names
 * (nearNames) scored by trigram similarity and word similarity.
 */
async function scoredNames(
  sql: postgres.Sql,
  term: string,
  like: string,
  /** A subquery of the names containing the term. */
  substrings: Frag,
  nearPostings: number,
): Promise<NameMatch[]> {
  const rows = await sql<{ name: string; score: number; lower: string }[]>`
    with ${nearNamesAs(sql, term, nearPostings, sql`near`)},
    c as (
      (${substrings}) union (select name from near)),
    scored as (
      select c.name, case when c.name ilike ${like} then 1 + case when lower(c.name) = lower(${term}) then 1 else 0 end
        else n.score end as score from c left join near n on n.name = c.name)
    select name, lower(name) as lower, score from (select name, score, max(score) over () as best from scored) r
    where score >= greatest(0.4, best * 0.75) order by score desc, name limit ${MAX_NAMES}`;
  return rows.map((r) => ({ name: r.name, score: Number(r.score), lower: r.lower }));
}

/** The matches as a CTE body: m0(name, score). */
export function namesCte(sql: postgres.Sql, names: Array<{ name: string; score: number }>) {
  return sql`select * from unnest(${sql.array(names.map((n) => n.name))}::text[],
    ${sql.array(names.map((n) => n.score))}::real[]) as m0(name, score)`;
}
