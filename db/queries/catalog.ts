import type postgres from "postgres";
import { getSql } from "@/db";
import { resolveSort, type CatalogQuery, type SortField } from "@/lib/validations/catalog";
import { readableProjects, resolveGroupId, resolveProjectId, type Reader } from "./catalog-access";
import {
  findNames,
  likeEscape,
  namesCte,
  splitSearch,
  type NameMatch,
  type SearchTerms,
} from "./catalog-search";
import {
  packageColumns,
  toDate,
  toDateOrNull,
  toPackageRow,
  type PackageRow,
  type RawPackage,
} from "./catalog-rows";

// The catalog's read side: the readable-projects CTE, optional name matches, the filters,
// then the flat version list or one row per package. The folded view reads package_series
// unless a version-level filter (status, dates, version) forces folding on the fly.

export type ListPackagesInput = Reader &
  Omit<CatalogQuery, "page" | "per_page"> & { page: number; perPage: number };

export type FoldedInfo = {
  versionCount: number;
  totalSize: number | null;
  newestAt: Date;
  lastDownloadedAt: Date | null;
};
export type ListedPackage = PackageRow & { folded?: FoldedInfo };

export type PackageList = {
  items: ListedPackage[];
  total: number;
  page: number;
  per_page: number;
  facets: Record<string, number>;
};

type Scope = { groupId: number | null; projectId: number | null };
type Frag = postgres.PendingQuery<postgres.Row[]>;

const and = (sql: postgres.Sql, parts: Frag[]) =>
  parts.reduce((acc, part) => sql`${acc} and ${part}`, sql`true`);

// Synchronous on purpose: a postgres.js fragment is a thenable, so returning one from an
// async function would execute it.
function versionFilters(sql: postgres.Sql, input: ListPackagesInput, s: SearchTerms): Frag[] {
  const parts: Frag[] = [];
  if (s.versionOnly)
    parts.push(sql`(m.name is not null or p.version like ${`${likeEscape(s.version!)}%`})`);
  else if (s.version) parts.push(sql`p.version like ${`${likeEscape(s.version)}%`}`);
  if (input.status) parts.push(sql`p.status = ${input.status}`);
  if (input.published_from) parts.push(sql`p.created_at >= ${new Date(input.published_from)}`);
  if (input.published_to) {
    // A bare date includes that whole day.
    const to = new Date(input.published_to);
    if (/^\d{4}-\d{2}-\d{2}$/.test(input.published_to)) to.setUTCDate(to.getUTCDate() + 1);
    parts.push(sql`p.created_at < ${to}`);
  }
  const before = input.downloaded_before ? new Date(input.downloaded_before) : null;
  if (input.never_downloaded && before)
    parts.push(sql`(p.last_downloaded_at is null or p.last_downloaded_at < ${before})`);
  else if (input.never_downloaded) parts.push(sql`p.last_downloaded_at is null`);
  else if (before) parts.push(sql`p.last_downloaded_at < ${before}`);
  return parts;
}

/** Filters on the package identity; `x` is the alias of packages or package_series. */
function identityFilters(
  sql: postgres.Sql,
  input: ListPackagesInput,
  scope: Scope,
  withType: boolean,
  x: Frag,
): Frag[] {
  const parts: Frag[] = [];
  if (withType && input.type.length) parts.push(sql`${x}.package_type in ${sql(input.type)}`);
  if (input.group)
    parts.push(sql`j.group_path_ids @> ${sql.array([scope.groupId ?? -1])}::bigint[]`);
  if (input.project) parts.push(sql`${x}.project_id = ${scope.projectId ?? -1}`);
  return parts;
}

function orderBy(sql: postgres.Sql, field: SortField, dir: "asc" | "desc", folded: boolean) {
  const d = dir === "asc" ? sql`asc` : sql`desc`;
  const tie = sql`p.created_at desc, p.id desc`;
  switch (field) {
    case "relevance":
      return sql`score ${d}, ${folded ? sql`f.newest_at desc, p.id desc` : tie}`;
    case "name":
      return sql`lower(p.name) ${d}, p.project_id, p.package_type, p.version_rank desc, p.id desc`;
    case "version":
      return sql`lower(p.name), p.project_id, p.package_type, p.version_rank ${d}, p.id desc`;
    case "published":
      return folded ? sql`f.newest_at ${d}, p.id desc` : sql`p.created_at ${d}, p.id desc`;
    case "downloaded":
      return folded
        ? sql`f.last_downloaded_at ${d} nulls last, p.id desc`
        : sql`p.last_downloaded_at ${d} nulls last, ${tie}`;
    case "size":
      return folded
        ? sql`f.total_size ${d} nulls last, p.id desc`
        : sql`p.size_bytes ${d} nulls last, ${tie}`;
  }
}

export async function listPackages(input: ListPackagesInput): Promise<PackageList> {
  const names = input.q ? await findNames(getSql(), splitSearch(input.q).term!) : [];
  return listWithNames(input, names);
}

async function listWithNames(input: ListPackagesInput, names: NameMatch[]): Promise<PackageList> {
  const sql = getSql();
  const { field, order } = resolveSort(input);
  const search = splitSearch(input.q);
  const scope: Scope = {
    groupId: input.group ? await resolveGroupId(input.group) : null,
    projectId: input.project ? await resolveProjectId(input.project) : null,
  };
  const offset = (input.page - 1) * input.perPage;
  const versionParts = versionFilters(sql, input, search);
  const folded = input.view === "packages";
  const fromSeries = folded && versionParts.length === 0;

  const ctes = search.term
    ? sql`readable as (${readableProjects(sql, input)}), m0 as (${namesCte(sql, names)})`
    : sql`readable as (${readableProjects(sql, input)})`;
  // x carries the package identity: a series row (fast folded path) or a version row (p).
  const x = fromSeries ? sql`x` : sql`p`;
  // A version-only search keeps rows whose version matches even if no name does.
  const nameJoin = !search.term
    ? sql``
    : search.versionOnly
      ? sql`left join m0 m on m.name = ${x}.name`
      : sql`join m0 m on m.name = ${x}.name`;
  const score = search.term
    ? sql`(coalesce(m.score, 0) + case when p.version = ${search.version ?? search.term} then 1 else 0 end)`
    : sql`0::real`;
  const where = (withType: boolean) =>
    and(sql, [
      ...identityFilters(sql, input, scope, withType, x),
      ...(fromSeries ? [] : versionParts),
    ]);
  const base = fromSeries
    ? sql`package_series x join readable r on r.id = x.project_id join projects j on j.id = x.project_id ${nameJoin}`
    : sql`packages p join readable r on r.id = p.project_id join projects j on j.id = p.project_id ${nameJoin}`;

  const facetRows =
    folded && !fromSeries
      ? await sql<{ package_type: string; n: number }[]>`with ${ctes}
          select package_type, count(*)::int as n from (select distinct p.project_id, p.package_type, p.name
            from ${base} where ${where(false)}) s group by package_type`
      : await sql<{ package_type: string; n: number }[]>`with ${ctes}
          select ${x}.package_type, count(*)::int as n from ${base} where ${where(false)} group by ${x}.package_type`;
  const facets = Object.fromEntries(facetRows.map((r) => [r.package_type, r.n]));
  const total = facetRows
    .filter((r) => !input.type.length || (input.type as string[]).includes(r.package_type))
    .reduce((s, r) => s + r.n, 0);

  type FoldedRaw = RawPackage & {
    version_count: number;
    total_size: string | null;
    newest_at: Date | string;
    last_dl: Date | string | null;
  };
  let rows: Array<RawPackage | FoldedRaw>;
  if (fromSeries) {
    rows = await sql<FoldedRaw[]>`with ${ctes}
      select ${packageColumns(sql)}, f.version_count, f.total_size, f.newest_at, f.last_downloaded_at as last_dl, ${score} as score
      from ${base} join package_series f on f.project_id = x.project_id and f.package_type = x.package_type
        and f.name = x.name
      join packages p on p.id = x.latest_id
      where ${where(true)}
      order by ${orderBy(sql, field, order, true)} limit ${input.perPage} offset ${offset}`;
  } else if (folded) {
    rows = await sql<FoldedRaw[]>`with ${ctes}, f as (
        select v.project_id, v.package_type, v.name, count(*)::int as version_count, max(v.version_rank) as top_rank,
          case when bool_and(v.size_bytes is not null) then sum(v.size_bytes) end as total_size,
          max(v.created_at) as newest_at, max(v.last_downloaded_at) as last_downloaded_at, max(v.m_score) as m_score
        from (select p.*, ${search.term ? sql`m.score` : sql`0`} as m_score from ${base} where ${where(true)}) v
        group by 1, 2, 3)
      select ${packageColumns(sql)}, f.version_count, f.total_size, f.newest_at, f.last_downloaded_at as last_dl,
        f.m_score as score
      from f join packages p on p.project_id = f.project_id and p.package_type = f.package_type
        and p.name = f.name and p.version_rank = f.top_rank
      join projects j on j.id = p.project_id join readable r on r.id = p.project_id
      order by ${orderBy(sql, field, order, true)} limit ${input.perPage} offset ${offset}`;
  } else {
    rows = await sql<RawPackage[]>`with ${ctes}
      select ${packageColumns(sql)}, ${score} as score from ${base} where ${where(true)}
      order by ${orderBy(sql, field, order, false)} limit ${input.perPage} offset ${offset}`;
  }

  const items: ListedPackage[] = rows.map((r) => {
    const row = toPackageRow(r);
    if (!folded) return row;
    const f = r as FoldedRaw;
    return {
      ...row,
      folded: {
        versionCount: f.version_count,
        totalSize: f.total_size === null ? null : Number(f.total_size),
        newestAt: toDate(f.newest_at),
        lastDownloadedAt: toDateOrNull(f.last_dl),
      },
    };
  });
  return { items, total, page: input.page, per_page: input.perPage, facets };
}
