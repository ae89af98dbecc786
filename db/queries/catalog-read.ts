import type { CatalogPlan } from "./catalog-plan";
import { columns, orderBy, type Frag } from "./catalog-filters";
import {
  foldedWalkOrder,
  relevanceSeries,
  relevanceVersions,
  walkSeries,
  type FoldedRaw,
  type SeriesKey,
} from "./catalog-page";
import type { RawPackage } from "./catalog-rows";
import { TtlCache } from "./catalog-cache";

// Reading one page of a planned catalog query (catalog-plan.ts): every match through the
// filters' own indexes (few matches), a sort index walked until a page of matches turns up,
// or — past the count cap — the broad readers of catalog-page.ts.

// `filterFirst`: few rows match (known from the counts), so read them all through the
// filter's own index and sort them, instead of walking a sort index until a page of matches
// turns up — which for a rare status or a small group meant scanning nearly every version
// (55–75 ms). "offset 0" keeps the planner from pushing the order/limit into the subquery.
export async function readRows(
  plan: CatalogPlan,
  filterFirst: boolean,
): Promise<Array<RawPackage | FoldedRaw>> {
  const { sql, input, field, order, offset, fromSeries, folded, where, m0, score, scoreJoin } =
    plan;
  const source = (table: Frag, alias: Frag) =>
    filterFirst
      ? sql`(select * from ${table} ${alias} where ${where(true)} offset 0) ${alias}`
      : sql`${table} ${alias}`;
  const filtered = filterFirst ? sql`true` : where(true);
  if (fromSeries)
    return sql<FoldedRaw[]>`${m0}
      select ${columns(sql)}, f.version_count, f.total_size, f.newest_at, f.last_downloaded_at as last_dl,
        ${score} as score
      from ${source(sql`package_series`, sql`f`)} join packages p on p.id = f.latest_id join projects j on j.id = f.project_id
      ${scoreJoin}
      where ${filtered}
      order by ${orderBy(sql, field, order, true, sql`f.latest_id`)} limit ${input.perPage} offset ${offset}`;
  if (folded) return readFolded(plan, null);
  if (filterFirst && field === "relevance")
    // Pick the page's ids from the few columns the covering version index holds (an
    // index-only scan for version terms), then read just those rows in full.
    return sql<RawPackage[]>`${m0}
      select ${columns(sql)}, k.score from (
        select p.id, p.created_at, ${score} as score
        from (select p.id, p.name, p.version, p.project_id, p.package_type, p.created_at
          from packages p where ${where(true)} offset 0) p
        ${scoreJoin}
        order by ${orderBy(sql, field, order, false)} limit ${input.perPage} offset ${offset}) k
      join packages p on p.id = k.id join projects j on j.id = p.project_id
      order by ${orderBy(sql, field, order, false)}`;
  return sql<RawPackage[]>`${m0}
    select ${columns(sql)}, ${score} as score from ${source(sql`packages`, sql`p`)}
    join projects j on j.id = p.project_id
    ${scoreJoin}
    where ${filtered}
    order by ${orderBy(sql, field, order, false)} limit ${input.perPage} offset ${offset}`;
}

// Folding on the fly (a version-level filter applies): the matching versions of `only`
// packages (from walkSeries), or of every matching package. The page is sorted and cut on the
// folded rows alone, and only its rows are joined to their latest version and project: joined
// first, the planner saw one row where there were 10 000 (four join columns) and scanned the
// projects table once per package (0.3 s at 100 000 versions).
export function readFolded(plan: CatalogPlan, only: SeriesKey[] | null) {
  const { sql, input, field, order, offset, where, m0, scored, scoreJoin, nameScore } = plan;
  const split = only === null && defaultOnly(plan);
  const restrict = only
    ? sql`and (p.project_id, p.package_type, p.name) in (select * from unnest(
        ${sql.array(only.map((s) => s.project_id))}::bigint[], ${sql.array(only.map((s) => s.package_type))}::text[],
        ${sql.array(only.map((s) => s.name))}::text[]))`
    : split
      ? sql`and (p.project_id, p.package_type, p.name) in (${otherStatus(sql)})`
      : sql``;
  // top_id: the latest matching version, as package_series picks a package's latest (highest
  // rank, then newest, then highest id: package-series.ts) — as one array max, so the fold
  // stays a hash aggregate (an ordered array_agg sorted every match, on disk at 100 000).
  const page = orderBy(sql, field, order, true, sql`f.top_id`, sql`f.top_rank`);
  const folds = sql`select v.project_id, v.package_type, v.name, count(*)::int as version_count,
        max(v.version_rank) as top_rank,
        (max(array[v.version_rank, (extract(epoch from v.created_at) * 1000000)::bigint, v.id]))[3]
          as top_id,
        case when bool_and(v.size_bytes is not null) then sum(v.size_bytes) end as total_size,
        max(v.created_at) as newest_at, max(v.last_downloaded_at) as last_downloaded_at, max(v.m_score) as score
      from (select p.id, p.project_id, p.package_type, p.name, p.version_rank, p.created_at,
          p.size_bytes, p.last_downloaded_at, ${scored ? nameScore(sql`p.name`) : sql`0`} as m_score
        from packages p ${scoreJoin}
        where ${where(true)} ${restrict}) v
      group by 1, 2, 3`;
  return sql<FoldedRaw[]>`${m0}${scored ? sql`,` : sql`with`} f as (
      ${split ? sql`(${folds}) union all (${seriesOfDefaultOnly(plan)})` : folds}),
    pg as (select * from f order by ${page} limit ${input.perPage} offset ${offset})
    select ${columns(sql)}, f.version_count, f.total_size, f.newest_at, f.last_downloaded_at as last_dl,
      f.score
    from pg f join packages p on p.id = f.top_id join projects j on j.id = p.project_id
    order by ${page}`;
}

// status=default is the one version-level filter most packages pass whole: a package whose
// versions are all "default" folds to its own package_series row. So under an order no walk
// follows (oldest first, least recently downloaded, size), only the few packages holding
// another status are folded; the rest are read from package_series through its sort index,
// the first page's worth, and the two are merged. Exact, and it no longer folds every match.
function defaultOnly(plan: CatalogPlan): boolean {
  return (
    plan.input.status === "default" &&
    plan.versionParts.length === 1 &&
    (plan.field === "published" || plan.field === "downloaded" || plan.field === "size")
  );
}

const otherStatus = (sql: CatalogPlan["sql"]) =>
  sql`select u.project_id, u.package_type, u.name from packages u where u.status <> 'default'`;

function seriesOfDefaultOnly(plan: CatalogPlan) {
  const { sql, input, field, order, offset, whereWith, nameFilterOn } = plan;
  return sql`select f.project_id, f.package_type, f.name, f.version_count,
      null::int as top_rank, f.latest_id as top_id, f.total_size, f.newest_at,
      f.last_downloaded_at, 0 as score
    from package_series f
    where ${whereWith(nameFilterOn(sql`f.name`), true, sql`f`, false)}
      and (f.project_id, f.package_type, f.name) not in (${otherStatus(sql)})
    order by ${orderBy(sql, field, order, true, sql`f.latest_id`)}
    limit ${offset + input.perPage}`;
}

// More than COUNT_CAP matches: read the page by walking an index in the page's order.
// Whether any mirrored version equals a search's term: only ever picks a statement's shape
// (catalog-page.ts, uniform), never a row; cached per term until the catalog changes.
const versionSeen = new TtlCache<boolean>();
const someVersionIs = (sql: CatalogPlan["sql"], version: string) =>
  versionSeen.getOrCompute(version, async () => {
    const [r] = await sql<{ seen: boolean }[]>`
      select exists (select 1 from packages where version = ${version}) as seen`;
    return r.seen;
  });

export async function readBroad(plan: CatalogPlan): Promise<Array<RawPackage | FoldedRaw>> {
  const { sql, input, field, order, offset, folded, fromSeries, x, scored, nameFilter } = plan;
  const { whereWith, listedIn, segments, m0, score, bonusVersion } = plan;
  const need = offset + input.perPage;
  if (folded && !fromSeries) {
    // A package's place in the order is its first matching version's, walking versions in
    // the same order — within one name score. Segments are walked best first until enough.
    // Never downloaded: every match ties on the download key, so a walk on it reads every
    // match anyway, in growing windows (300 ms where folding them all is 50).
    const walk =
      field === "downloaded" && input.never_downloaded ? null : foldedWalkOrder(sql, field, order);
    const parts = scored ? segments(sql`p.name`) : [nameFilter];
    if (!walk || !parts) return readFolded(plan, null);
    const found: SeriesKey[] = [];
    for (const part of parts) {
      // A walk segment ranks below everything found before it; the listed names are read
      // whatever: a near name can score 1 too ("@platon/x" for "platon-": pg_trgm ignores
      // the hyphen) and so tie with the substring matches before it.
      if (part !== "listed" && found.length >= need) continue;
      if (part === "listed")
        found.push(
          ...(await sql<
            SeriesKey[]
          >`select f.project_id, f.package_type, f.name from package_series f
            where ${whereWith(listedIn(sql`f.name`), true, sql`f`, false)}`),
        );
      else
        found.push(
          ...(await walkSeries(
            sql,
            whereWith(part, true, sql`p`, true),
            walk,
            need - found.length,
          )),
        );
    }
    return found.length ? readFolded(plan, found) : [];
  }
  const parts = scored && order === "desc" ? segments(sql`${x}.name`) : null;
  if (parts) {
    const q = {
      sql,
      where: (extra: Frag | null) => whereWith(extra, true),
      m0,
      score,
      bonusVersion,
      bonusPossible: await someVersionIs(sql, bonusVersion),
      walks: parts.filter((s): s is Frag | null => s !== "listed"),
      listed: parts.includes("listed") ? listedIn(sql`${x}.name`) : null,
      offset,
      perPage: input.perPage,
    };
    return fromSeries ? relevanceSeries(q) : relevanceVersions(q);
  }
  return readRows(plan, false);
}
