import type postgres from "postgres";

// Typo-tolerant name search over package_series (one row per package, ~10× fewer than
// versions). Candidates are substring matches plus the nearest names by trigram distance;
// a GIN similarity filter would not do: a query sharing a common prefix ("platon-…") with
// every package makes every package a candidate. Only names scoring close to the best
// match are kept.

export type SearchTerms = { term?: string; version?: string; versionOnly?: boolean };
export type NameMatch = { name: string; score: number };

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
const NEAREST = 50;

/**
 * Names matching the term, best first: every substring match, plus the nearest names by
 * trigram similarity and word similarity (GiST k-NN, a few ms at any size).
 */
export async function findNames(sql: postgres.Sql, term: string): Promise<NameMatch[]> {
  const like = `%${likeEscape(term)}%`;
  const rows = await sql<{ name: string; score: number }[]>`
    with c as (
      (select name from package_series where name ilike ${like} limit ${MAX_NAMES})
      union (select name from package_series order by name <-> ${term} limit ${NEAREST})
      union (select name from package_series order by ${term} <<-> name limit ${NEAREST})),
    scored as (
      select name, case when name ilike ${like} then 1 + case when lower(name) = lower(${term}) then 1 else 0 end
        else greatest(similarity(name, ${term}), word_similarity(${term}, name)) end as score from c)
    select name, score from (select name, score, max(score) over () as best from scored) r
    where score >= greatest(0.4, best * 0.75) order by score desc, name limit ${MAX_NAMES}`;
  return rows.map((r) => ({ name: r.name, score: Number(r.score) }));
}

/** The matches as a CTE body: m0(name, score). */
export function namesCte(sql: postgres.Sql, names: NameMatch[]) {
  return sql`select * from unnest(${sql.array(names.map((n) => n.name))}::text[],
    ${sql.array(names.map((n) => n.score))}::real[]) as m0(name, score)`;
}

/**
 * The same set of names, as a substring match plus the few other names — when that is exact.
 * A broad term matches thousands of names, and planning `name = any(<4 000 names>)` costs
 * ~24 ms (the planner estimates every element), on every request. findNames keeps every
 * substring match (score ≥ 1) unless the list was cut at MAX_NAMES or an exact match
 * (score 2) raised the bar above 1; otherwise names = substring matches ∪ the non-substring
 * names, and `name ilike '%term%'` (GIN trigram index) says the same at no planning cost.
 */
export function broadNameMatch(
  term: string,
  names: NameMatch[],
): { like: string; others: string[] } | null {
  if (names.length < 200 || names.length >= MAX_NAMES || names.some((n) => n.score >= 2))
    return null;
  return {
    like: `%${likeEscape(term)}%`,
    others: names.filter((n) => n.score < 1).map((n) => n.name),
  };
}
