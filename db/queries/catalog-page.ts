import type postgres from "postgres";
import { columns, orderBy, type Frag } from "./catalog-filters";
import type { PageRaw } from "./catalog-rows";

// Reading one page of a broad catalog query without reading every match. Used when more than
// COUNT_CAP rows match (catalog-count.ts): matches are then dense enough that walking an
// index in the page's order finds a page after a few hundred rows, whatever the catalog's
// size. Each reader collects a superset of the page's rows that is guaranteed to hold the
// first `offset + perPage` rows of the exact order, then sorts that small set exactly.

export type FoldedRaw = PageRaw & {
  version_count: number;
  total_size: string | null;
  newest_at: Date | string;
  last_dl: Date | string | null;
  /** Versions matching the packages view's probe (status, a version term); null without one. */
  matching: number | null;
};

/** How a broad term matches names: a substring, or one of a few near (typo) names. */
export type BroadNames = {
  like: string;
  /** Near names that do not contain the term, with their similarity scores (< 1). */
  others: Array<{ name: string; score: number }>;
};

/**
 * Name score in the broad case: 1 for a substring match, else the near name's score (from m0,
 * joined as m, when near names are listed; else 0).
 */
export const broadScore = (sql: postgres.Sql, contains: Frag, listed: boolean) =>
  sql`(case when ${contains} then 1 else ${listed ? sql`coalesce(m.score, 0)` : sql`0`} end)`;

export type PageQuery = {
  sql: postgres.Sql;
  /** Every filter, plus `extra` on the name (versions p, or series f with p its latest). */
  where: (extra: Frag | null) => Frag;
  /** `with m0 as (…)`: the listed names' scores, for `score`. */
  m0: Frag;
  /** Joins m0 to the rows as `m` (empty when no name is listed: nothing to join). */
  scoreJoin: Frag;
  /** The row's relevance: name score + 1 when the version is the term. */
  score: Frag;
  /** The version that earns the +1. */
  bonusVersion: string;
  /** False when no mirrored version equals bonusVersion: then nobody earns the +1. */
  bonusPossible: boolean;
  /**
   * Filters each selecting rows that share one name score (a broad term's substring matches; a
   * version search's rows matched by version only); null = every row.
   */
  walks: Array<Frag | null>;
  /** The rows of listed names, each with its own score (read whole: a few names). */
  listed: Frag | null;
  /** The few versions a walk's rows can have (newestFirst), or null: walk by date. */
  versionsOf: (walk: Frag | null) => string[] | null;
  offset: number;
  perPage: number;
  /** A series row's figures as FoldedRaw has them (catalog-plan.ts, seriesColumns). */
  seriesColumns: Frag;
};

/**
 * Relevance (score desc, newest first) without scoring every match. Within the uniform rows
 * the score only differs by the version bonus, so newest first is their order within each
 * half: the first `offset + perPage` of each half, walked down the newest-first index, plus
 * the listed names' rows, hold the page.
 */
export function relevanceVersions(q: PageQuery): Promise<PageRaw[]> {
  const { sql, bonusVersion } = q;
  const k = q.offset + q.perPage;
  // One segment and no version bonus: every row scores the same, so the order is newest
  // first, read straight from the index (a third of the planning and half the execution of
  // the union: 0.4 + 0.1 ms against 0.9 + 0.3 for "pl" at 100 000 versions).
  if (uniform(q) && !q.versionsOf(q.walks[0]))
    return sql<PageRaw[]>`${q.m0}
      select ${columns(sql)}, ${q.score} as score
      from packages p ${q.scoreJoin}
      where ${q.where(q.walks[0])}
      order by p.created_at desc, p.id desc limit ${q.perPage} offset ${q.offset}`;
  const parts: Frag[] = [];
  for (const walk of q.walks) {
    parts.push(sql`(select p.id from packages p where ${q.where(walk)} and p.version = ${bonusVersion}
      order by p.created_at desc, p.id desc limit ${k})`);
    const versions = q.versionsOf(walk);
    parts.push(
      sql`(${newestFirst(
        sql,
        sql`${q.where(walk)} and p.version is distinct from ${bonusVersion}`,
        sql`p.id`,
        k,
        versions && versions.filter((v) => v !== bonusVersion),
      )})`,
    );
  }
  if (q.listed) parts.push(sql`(select p.id from packages p where ${q.where(q.listed)})`);
  const union = parts.reduce((acc, part) => sql`${acc} union ${part}`);
  return sql<PageRaw[]>`${q.m0}
    select ${columns(sql)}, k.score from (
      select p.id, p.created_at, ${q.score} as score
      from (${union}) u join packages p on p.id = u.id ${q.scoreJoin}
      order by score desc, p.created_at desc, p.id desc limit ${q.perPage} offset ${q.offset}) k
    join packages p on p.id = k.id
    order by k.score desc, p.created_at desc, p.id desc`;
}

/** Every row the query reads has one score: one segment, nothing listed, no version bonus. */
const uniform = (q: PageQuery) => !q.bonusPossible && !q.listed && q.walks.length === 1;

/** The same over package_series (one row per package; p is its latest version). */
export function relevanceSeries(q: PageQuery): Promise<FoldedRaw[]> {
  const { sql } = q;
  const k = q.offset + q.perPage;
  const key = sql`f.project_id, f.package_type, f.name`;
  if (uniform(q))
    return sql<FoldedRaw[]>`${q.m0}
      select ${columns(sql)}, ${q.seriesColumns}, ${q.score} as score
      from package_series f join packages p on p.id = f.latest_id
      ${q.scoreJoin}
      where ${q.where(q.walks[0])}
      order by f.newest_at desc, f.latest_id desc limit ${q.perPage} offset ${q.offset}`;
  // A package scores by its name alone (no version bonus): each segment newest first.
  const parts: Frag[] = q.walks.map(
    (walk) => sql`(select ${key} from package_series f where ${q.where(walk)}
      order by f.newest_at desc, f.latest_id desc limit ${k})`,
  );
  if (q.listed) parts.push(sql`(select ${key} from package_series f where ${q.where(q.listed)})`);
  const union = parts.reduce((acc, part) => sql`${acc} union ${part}`);
  return sql<FoldedRaw[]>`${q.m0}
    select ${columns(sql)}, ${q.seriesColumns}, ${q.score} as score
    from (${union}) u
    join package_series f on f.project_id = u.project_id and f.package_type = u.package_type and f.name = u.name
    join packages p on p.id = f.latest_id
    ${q.scoreJoin}
    order by ${orderBy(sql, "relevance", "desc", true, sql`f.latest_id`)} limit ${q.perPage} offset ${q.offset}`;
}

/**
 * The first `k` rows matching `where`, newest first, as `cols` of p. Walking the newest-first
 * index reads every row in between that does not match: for a version term few rows hold
 * ("1.0.0", one version in twelve) thousands per page. When `versions` lists the versions a
 * matching row can have (a few), each one's newest `k` are read from the version index
 * (packages_version_cover: newest first within a version) and merged instead.
 */
export function newestFirst(
  sql: postgres.Sql,
  where: Frag,
  cols: Frag,
  k: number,
  versions: string[] | null,
): Frag {
  if (!versions)
    return sql`select ${cols} from packages p where ${where}
      order by p.created_at desc, p.id desc limit ${k}`;
  return sql`select ${cols} from unnest(${sql.array(versions)}::text[]) as vs(v)
      cross join lateral (select p.* from packages p where ${where} and p.version = vs.v
        order by p.created_at desc, p.id desc limit ${k}) p
    order by p.created_at desc, p.id desc limit ${k}`;
}
