import type postgres from "postgres";
import { getSql } from "@/db";
import { resolveSort, type CatalogQuery, type SortField } from "@/lib/validations/catalog";
import { readableProjects, resolveGroupId, resolveProjectId, type Reader } from "./catalog-access";
import {
  packageColumns,
  toDate,
  toDateOrNull,
  toPackageRow,
  type PackageRow,
  type RawPackage,
} from "./catalog-rows";

// The catalog's read side: one readable-projects CTE, the filters, then either the flat
// version list or one row per package (project, type, name) folded over its versions.

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

/** Splits "ui-kit 1.2" into a name term and a version prefix; a lone term matches either. */
export function splitSearch(q: string | undefined): { term?: string; version?: string } {
  const text = q?.trim();
  if (!text) return {};
  const parts = text.split(/\s+/);
  const last = parts[parts.length - 1];
  if (parts.length > 1 && /^v?\d/.test(last))
    return { term: parts.slice(0, -1).join(" "), version: last.replace(/^v/, "") };
  return { term: text };
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

type Scope = { groupId: number | null; projectId: number | null };

// Synchronous on purpose: a postgres.js fragment is a thenable, so returning one from an
// async function would execute it.
function scopeFilters(
  sql: postgres.Sql,
  input: ListPackagesInput,
  scope: Scope,
  withType: boolean,
) {
  const parts: postgres.PendingQuery<postgres.Row[]>[] = [];
  const { term, version } = splitSearch(input.q);
  if (term && version) {
    parts.push(sql`(p.name ilike ${`%${likeEscape(term)}%`} or ${term} <% p.name)`);
    parts.push(sql`p.version like ${`${likeEscape(version)}%`}`);
  } else if (term) {
    parts.push(sql`(p.name ilike ${`%${likeEscape(term)}%`} or ${term} <% p.name
      or p.version like ${`${likeEscape(term.replace(/^v(?=\d)/, ""))}%`})`);
  }
  if (withType && input.type.length) parts.push(sql`p.package_type in ${sql(input.type)}`);
  if (input.group)
    parts.push(sql`j.group_path_ids @> ${sql.array([scope.groupId ?? -1])}::bigint[]`);
  if (input.project) parts.push(sql`p.project_id = ${scope.projectId ?? -1}`);
  if (input.status) parts.push(sql`p.status = ${input.status}`);
  if (input.published_from) parts.push(sql`p.created_at >= ${new Date(input.published_from)}`);
  if (input.published_to) {
    // A bare date includes that whole day.
    const to = new Date(input.published_to);
    if (/^\d{4}-\d{2}-\d{2}$/.test(input.published_to)) to.setUTCDate(to.getUTCDate() + 1);
    parts.push(sql`p.created_at < ${to}`);
  }
  if (input.never_downloaded && input.downloaded_before) {
    parts.push(
      sql`(p.last_downloaded_at is null or p.last_downloaded_at < ${new Date(input.downloaded_before)})`,
    );
  } else if (input.never_downloaded) parts.push(sql`p.last_downloaded_at is null`);
  else if (input.downloaded_before)
    parts.push(sql`p.last_downloaded_at < ${new Date(input.downloaded_before)}`);
  return parts.reduce((acc, part) => sql`${acc} and ${part}`, sql`true`);
}

function relevance(sql: postgres.Sql, q: string | undefined) {
  const { term, version } = splitSearch(q);
  if (!term) return sql`0::real`;
  return sql`(case when lower(p.name) = lower(${term}) then 2 else 0 end
    + greatest(word_similarity(${term}, p.name), similarity(${term}, p.name))
    + case when p.version = ${version ?? term} then 1 else 0 end)`;
}

function orderBy(sql: postgres.Sql, field: SortField, dir: "asc" | "desc", folded: boolean) {
  const d = dir === "asc" ? sql`asc` : sql`desc`;
  const nulls = sql`nulls last`;
  const tie = sql`p.created_at desc, p.id desc`;
  switch (field) {
    case "relevance":
      return sql`score ${d}, ${tie}`;
    case "name":
      return sql`lower(p.name) ${d}, p.project_id, p.package_type, p.version_rank desc, p.id desc`;
    case "version":
      return sql`lower(p.name), p.project_id, p.package_type, p.version_rank ${d}, p.id desc`;
    case "published":
      return folded ? sql`f.newest_at ${d}, p.id desc` : sql`p.created_at ${d}, p.id desc`;
    case "downloaded":
      return folded
        ? sql`f.last_dl ${d} ${nulls}, p.id desc`
        : sql`p.last_downloaded_at ${d} ${nulls}, ${tie}`;
    case "size":
      return folded
        ? sql`f.total_size ${d} ${nulls}, p.id desc`
        : sql`p.size_bytes ${d} ${nulls}, ${tie}`;
  }
}

export async function listPackages(input: ListPackagesInput): Promise<PackageList> {
  const sql = getSql();
  const { field, order } = resolveSort(input);
  const folded = input.view === "packages";
  const scope: Scope = {
    groupId: input.group ? await resolveGroupId(input.group) : null,
    projectId: input.project ? await resolveProjectId(input.project) : null,
  };
  const where = scopeFilters(sql, input, scope, true);
  const whereAnyType = scopeFilters(sql, input, scope, false);
  const offset = (input.page - 1) * input.perPage;
  const base = sql`readable as (${readableProjects(sql, input)})`;
  const from = sql`packages p join readable r on r.id = p.project_id join projects j on j.id = p.project_id`;

  // Counts per type ignore the type filter (so the chips can show what choosing them gives).
  const facetRows = folded
    ? await sql<{ package_type: string; n: number }[]>`with ${base}
        select package_type, count(*)::int as n from (select distinct p.project_id, p.package_type, p.name
          from ${from} where ${whereAnyType}) s group by package_type`
    : await sql<{ package_type: string; n: number }[]>`with ${base}
        select p.package_type, count(*)::int as n from ${from} where ${whereAnyType} group by p.package_type`;
  const facets = Object.fromEntries(facetRows.map((r) => [r.package_type, r.n]));
  const total = facetRows
    .filter((r) => !input.type.length || (input.type as string[]).includes(r.package_type))
    .reduce((s, r) => s + r.n, 0);

  const rows = folded
    ? await sql<
        (RawPackage & {
          version_count: number;
          total_size: string | null;
          newest_at: Date;
          last_dl: Date | null;
        })[]
      >`
        with ${base}, f as (
          select p.project_id, p.package_type, p.name, count(*)::int as version_count, max(p.version_rank) as top_rank,
            case when bool_and(p.size_bytes is not null) then sum(p.size_bytes) end as total_size,
            max(p.created_at) as newest_at, max(p.last_downloaded_at) as last_dl
          from ${from} where ${where} group by 1, 2, 3)
        select ${packageColumns(sql)}, f.version_count, f.total_size, f.newest_at, f.last_dl, ${relevance(sql, input.q)} as score
        from f join packages p on p.project_id = f.project_id and p.package_type = f.package_type
          and p.name = f.name and p.version_rank = f.top_rank
        join projects j on j.id = p.project_id join readable r on r.id = p.project_id
        order by ${orderBy(sql, field, order, true)} limit ${input.perPage} offset ${offset}`
    : await sql<RawPackage[]>`
        with ${base}
        select ${packageColumns(sql)}, ${relevance(sql, input.q)} as score
        from ${from} where ${where}
        order by ${orderBy(sql, field, order, false)} limit ${input.perPage} offset ${offset}`;

  const items: ListedPackage[] = rows.map((r) => {
    const row = toPackageRow(r);
    if (!folded) return row;
    const f = r as unknown as {
      version_count: number;
      total_size: string | null;
      newest_at: Date;
      last_dl: Date | null;
    };
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
