import type postgres from "postgres";
import type { CatalogPlan } from "./catalog-plan";
import { and, columns, dateBounds, orderBy, type Frag } from "./catalog-filters";
import { newestFirst, relevanceSeries, relevanceVersions, type FoldedRaw } from "./catalog-page";
import type { PageRaw } from "./catalog-rows";
import { TtlCache } from "./catalog-cache";
import { packagesGeneration } from "../catalog-changes";

// Reading one page of a planned catalog query (catalog-plan.ts): every match through the
// filters' own indexes (few matches), a sort index walked until a page of matches turns up,
// or — past the count cap — the broad readers of catalog-page.ts.

// Reading a page sorted by, say, size either walks the size index until enough matches turn
// up (≈ rows × (page end) / matches rows visited if matches are spread evenly; every row when
// they sit at the far end: 55–75 ms for a rare status or a small group), or reads every match
// through its filter's index and sorts them (≈ 2 µs a match). With the match count known,
// read filter-first when matches² ≤ 4 × page end × table rows — the walk's even-spread cost
// with a 4× margin for clustering. Table sizes come from pg_class (approximate is enough).
const tableRowsCache = new TtlCache<number>(300_000);
export const tableRows = (sql: postgres.Sql, table: "packages" | "package_series") =>
  tableRowsCache.getOrCompute(table, async () => {
    // reltuples stays 0 or -1 until the table's first vacuum/analyze (as right after the first
    // sync); the statistics collector's live-row count is current.
    const [r] = await sql<{ n: number }[]>`
      select greatest(c.reltuples, coalesce(s.n_live_tup, 0), 0)::float8 as n
      from pg_class c left join pg_stat_all_tables s on s.relid = c.oid
      where c.oid = ${table}::regclass`;
    return Number(r?.n ?? 0);
  });
const filterFirst = (matches: number, pageEnd: number, rows: number) =>
  matches * matches <= 4 * pageEnd * rows;

/** Every match through the filters' own indexes, sorted: the page of a query few rows match. */
export const readFilterFirst = (plan: CatalogPlan): Promise<Array<PageRaw | FoldedRaw>> =>
  readRows(plan, true);

/**
 * The page, once the counts are known: past the cap the broad readers, else filter-first or a
 * sort-index walk (filterFirst). `early` is readFilterFirst started while counting (a term's
 * first ask, catalog.ts): used when the counts agree, else left.
 */
export async function readCountedPage(
  plan: CatalogPlan,
  counted: { exact: boolean; total: number },
  tableSize: Promise<number>,
  early: Promise<Array<PageRaw | FoldedRaw>> | null,
): Promise<Array<PageRaw | FoldedRaw>> {
  if (!counted.exact) return readBroad(plan);
  const pageEnd = plan.offset + plan.input.perPage;
  if (filterFirst(counted.total, pageEnd, await tableSize)) return early ?? readFilterFirst(plan);
  return readRows(plan, false);
}

// `filterFirst`: few rows match (known from the counts), so read them all through the
// filter's own index and sort them, instead of walking a sort index until a page of matches
// turns up — which for a rare status or a small group meant scanning nearly every version
// (55–75 ms). "offset 0" keeps the planner from pushing the order/limit into the subquery.
export async function readRows(
  plan: CatalogPlan,
  filterFirst: boolean,
): Promise<Array<PageRaw | FoldedRaw>> {
  const { sql, input, field, order, offset, folded, where, m0, score, scoreJoin } = plan;
  const source = (table: Frag, alias: Frag) =>
    filterFirst
      ? sql`(select * from ${table} ${alias} where ${where(true)} offset 0) ${alias}`
      : sql`${table} ${alias}`;
  const filtered = filterFirst ? sql`true` : where(true);
  const walk = !folded && !filterFirst ? dateWalk(plan) : null;
  if (walk) {
    const ordered = orderBy(sql, field, order, false);
    const need = offset + input.perPage;
    const read = (from: Frag, segment: Frag) =>
      sql`(select ${columns(sql)}, ${score} as score from ${from} ${scoreJoin}
        where ${filtered} and ${segment} order by ${ordered} limit ${need})`;
    // The rule's exceptions through their partial index, then sorted: as one more walk of the
    // order's index the planner walked all of it (it guesses a third of the rows break the rule).
    const apart = read(
      sql`(select * from packages p where ${filtered} and ${walk.apart} offset 0) p`,
      sql`true`,
    );
    return sql<PageRaw[]>`${m0}
      select * from (${walk.walks
        .map((segment) => read(sql`packages p`, segment))
        .reduce((all, one) => sql`${all} union all ${one}`)} union all ${apart}) p
      order by ${ordered} limit ${input.perPage} offset ${offset}`;
  }
  if (folded)
    return sql<FoldedRaw[]>`${m0}
      select ${columns(sql)}, ${plan.seriesColumns}, ${score} as score
      from ${filterFirst ? seriesFirst(plan) : sql`package_series f`} join packages p on p.id = f.latest_id
      ${scoreJoin}
      where ${filtered}
      order by ${orderBy(sql, field, order, true, sql`f.latest_id`)} limit ${input.perPage} offset ${offset}`;
  if (filterFirst && field === "relevance")
    // Pick the page's ids from the few columns the covering version index holds (an
    // index-only scan for version terms), then read just those rows in full. A broad term's
    // score reads the stored lowercase name too.
    return sql<PageRaw[]>`${m0}
      select ${columns(sql)}, k.score from (
        select p.id, p.created_at, ${score} as score
        from (select p.id, p.name, p.version, p.project_id, p.package_type, p.created_at
            ${plan.broad ? sql`, p.name_lower` : sql``}
          from packages p where ${where(true)} offset 0) p
        ${scoreJoin}
        order by ${orderBy(sql, field, order, false)} limit ${input.perPage} offset ${offset}) k
      join packages p on p.id = k.id
      order by ${orderBy(sql, field, order, false)}`;
  return sql<PageRaw[]>`${m0}
    select ${columns(sql)}, ${score} as score from ${source(sql`packages`, sql`p`)}
    ${scoreJoin}
    where ${filtered}
    order by ${orderBy(sql, field, order, false)} limit ${input.perPage} offset ${offset}`;
}

/**
 * The versions view's walk under a date filter that sits against its order, as segments read
 * one after another and merged: null when a single walk is as good.
 *
 * A version is never downloaded before it was published (GitLab records a download when a file
 * is fetched). So a version last downloaded before B was published before B, and one published
 * from F was downloaded, if ever, from F. Without those bounds the walk passes every row the
 * filter drops before it finds a page: downloaded before a month back, by size, while sizes are
 * unknown (their rows sorted newest first) passed every version of the last month — 267 ms at
 * 1 000 000 versions; published since a month back, least recently downloaded first, passed
 * every older download — 51 ms. With them, each segment seeks to its bound: the unknown sizes
 * (or downloads) as a segment of their own, where the publication date is the index's next
 * column. The rows breaking the rule, if any, are read apart through their own partial index
 * (migration 0017) and kept out of the other segments, so the page stays exact.
 */
function dateWalk(plan: CatalogPlan): { walks: Frag[]; apart: Frag } | null {
  const { sql, field } = plan;
  const { from, before, never } = dateBounds(plan.input);
  const publishedBefore = before && !never ? sql`p.created_at < ${before}` : null;
  const downloadedFrom = from ? sql`p.last_downloaded_at >= ${from}` : null;
  const lawful = sql`(p.last_downloaded_at is null or p.last_downloaded_at >= p.created_at)`;
  const broken = sql`p.last_downloaded_at < p.created_at`;
  const bounded = (parts: Array<Frag | null>) =>
    and(sql, [lawful, ...parts.filter((f): f is Frag => f !== null)]);
  if (field === "size" && publishedBefore)
    return {
      walks: [
        bounded([sql`p.size_bytes is not null`, publishedBefore]),
        bounded([sql`p.size_bytes is null`, publishedBefore]),
      ],
      apart: broken,
    };
  if (field === "downloaded" && downloadedFrom)
    return {
      walks: [
        bounded([sql`p.last_downloaded_at is not null`, downloadedFrom, publishedBefore]),
        // Never downloaded: none of them when only downloads before a date are asked for.
        ...(before && !never
          ? []
          : [bounded([sql`p.last_downloaded_at is null`, publishedBefore])]),
      ],
      apart: broken,
    };
  if (field === "published" && publishedBefore)
    return { walks: [bounded([publishedBefore])], apart: broken };
  return null;
}

/**
 * The packages view's few matches, read through the filters' own indexes: under a probe
 * (status, a version term), the packages of the matching versions — not every readable
 * package, each probed — each looked up by its key. As `in (…)` the planner hashed the keys
 * and scanned every series row (1–2.5 ms at 100 000 versions, ten times that at 1 000 000);
 * a lateral lookup probes the primary key. Its name is compared off every index (`|| ''`):
 * the trigram GiST index answers `=` too, and the planner took it (0.19 ms a probe).
 */
function seriesFirst(plan: CatalogPlan): Frag {
  const { sql, whereWith, nameFilter } = plan;
  const probed = plan.probedVersions(true);
  if (!probed) return sql`(select * from package_series f where ${plan.where(true)} offset 0) f`;
  return sql`(select f.* from (select distinct p.project_id, p.package_type, p.name
        from packages p where ${probed}) k
      cross join lateral (select * from package_series f where f.project_id = k.project_id
        and f.package_type = k.package_type and (f.name || '') = k.name
        and ${whereWith(nameFilter, true, sql`f`, false, false)} offset 0) f) f`;
}

// More than COUNT_CAP matches: read the page by walking an index in the page's order.
// Whether any mirrored version equals a search's term: only ever picks a statement's shape
// (catalog-page.ts, uniform), never a row; cached per term until the catalog changes.
const versionSeen = new TtlCache<boolean>(undefined, { generation: packagesGeneration });
const someVersionIs = (sql: CatalogPlan["sql"], version: string) =>
  versionSeen.getOrCompute(version, async () => {
    const [r] = await sql<{ seen: boolean }[]>`
      select exists (select 1 from packages where version = ${version}) as seen`;
    return r.seen;
  });

/** A version term's range holding at most this many versions is walked version by version. */
export const SPARSE_VERSIONS = 24;

// The versions in a term's range, one step of the version index each (a loose index scan:
// "1.0.0" holds 5 at 100 000 versions, "1.0" 47); null past `max`, where the term is common
// enough that walking by date meets its rows soon. Only picks how a walk reads: the walk
// itself applies every filter. Kept until the catalog changes.
const rangeVersions = new TtlCache<string[] | null>(60_000, {
  generation: packagesGeneration,
  maxEntries: 500,
});
function versionsIn(plan: CatalogPlan): Promise<string[] | null> {
  const { sql, range, sparseVersions: max } = plan;
  if (!range || max <= 0) return Promise.resolve(null);
  return rangeVersions.getOrCompute(`${max}\u0000${range.lo}`, async () => {
    const rows = await sql<{ v: string }[]>`
      with recursive vs(v, n) as (
        (select version, 1 from packages where version ~>=~ ${range.lo} and version ~<~ ${range.hi}
          order by version using ~<~ limit 1)
        union all
        select (select version from packages where version ~>~ vs.v and version ~<~ ${range.hi}
            order by version using ~<~ limit 1), n + 1
          from vs where vs.v is not null and n <= ${max})
      select v from vs where v is not null`;
    return rows.length > max ? null : rows.map((r) => r.v);
  });
}

/** Whether readBroad's relevance walks need to know if a version equals the term. */
const bonusNeeded = (plan: CatalogPlan) =>
  !plan.folded && plan.scored && plan.order === "desc" && plan.segments(plan.x) !== null;

/**
 * Starts the two small lookups readBroad makes before reading (each cached per term until the
 * catalog changes) while the caller is still counting: on a term's first ask they would
 * otherwise wait for the count, then for each other. Failures are left to readBroad's own
 * call, which asks again.
 */
export function prefetchBroad(plan: CatalogPlan): void {
  const ignore = () => {};
  if (plan.range && !plan.folded) versionsIn(plan).catch(ignore);
  if (bonusNeeded(plan)) someVersionIs(plan.sql, plan.bonusVersion).catch(ignore);
}

export async function readBroad(plan: CatalogPlan): Promise<Array<PageRaw | FoldedRaw>> {
  const { sql, input, field, order, offset, folded, x, scored, nameFilter } = plan;
  const { whereWith, listedIn, segments, m0, scoreJoin, score, bonusVersion, rangeWalk } = plan;
  const need = offset + input.perPage;
  const [sparse, bonusPossible] = await Promise.all([
    folded ? null : versionsIn(plan),
    bonusNeeded(plan) ? someVersionIs(sql, bonusVersion) : false,
  ]);
  const versionsOf = (walk: Frag | null) => (sparse && rangeWalk(walk) ? sparse : null);
  const parts = scored && order === "desc" ? segments(x) : null;
  if (parts) {
    const q = {
      sql,
      where: (extra: Frag | null) => whereWith(extra, true),
      m0,
      scoreJoin,
      score,
      bonusVersion,
      bonusPossible,
      walks: parts.filter((s): s is Frag | null => s !== "listed"),
      seriesColumns: plan.seriesColumns,
      listed: parts.includes("listed") ? listedIn(x) : null,
      offset,
      perPage: input.perPage,
      versionsOf,
    };
    return folded ? relevanceSeries(q) : relevanceVersions(q);
  }
  const versions = folded ? null : versionsOf(nameFilter);
  if (versions && field === "published" && order === "desc")
    // Newest first through a sparse version term: its page's ids version by version.
    return sql<PageRaw[]>`
      select ${columns(sql)}, 0::real as score
      from (${newestFirst(sql, plan.where(true), sql`p.id`, need, versions)}) u
      join packages p on p.id = u.id
      order by p.created_at desc, p.id desc limit ${input.perPage} offset ${offset}`;
  return readRows(plan, false);
}
