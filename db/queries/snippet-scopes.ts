import { getSql } from "@/db";
import { readableProjects, type Reader } from "./catalog-access";

// What "Set me up" may fill in: a project the reader may read packages of, or a group that
// holds at least one such project (the group endpoint serves only what the reader can read,
// so a group with none is as good as not there). Same readability rule as the catalog.

export type SnippetScopeRow = {
  kind: "project" | "group";
  id: number;
  /** path_with_namespace or full_path. */
  path: string;
  /** The top-level group (first path segment) — npm's group-endpoint scope rule. */
  rootNamespace: string;
};

const root = (path: string) => path.split("/")[0] ?? path;

export async function getReadableSnippetScope(
  reader: Reader,
  kind: "project" | "group",
  id: number,
): Promise<SnippetScopeRow | null> {
  const sql = getSql();
  const rows =
    kind === "project"
      ? await sql<{ path: string }[]>`
          with readable as (${readableProjects(sql, reader)})
          select j.path_with_namespace as path from projects j join readable r on r.id = j.id
          where j.id = ${id}`
      : await sql<{ path: string }[]>`
          with readable as (${readableProjects(sql, reader)})
          select g.full_path as path from groups g where g.id = ${id} and exists (
            select 1 from projects j join readable r on r.id = j.id
            where j.group_path_ids @> array[g.id]::bigint[])`;
  const path = rows[0]?.path;
  return path ? { kind, id, path, rootNamespace: root(path) } : null;
}

/** Every readable project and every group holding one, by path — the wizard's scope picker. */
export async function listReadableSnippetScopes(reader: Reader): Promise<SnippetScopeRow[]> {
  const sql = getSql();
  const rows = await sql<{ kind: "project" | "group"; id: string; path: string }[]>`
    with readable as (${readableProjects(sql, reader)}),
    p as (select j.id, j.path_with_namespace, j.group_path_ids from projects j join readable r on r.id = j.id)
    select 'project' as kind, p.id, p.path_with_namespace as path from p
    union all
    select 'group' as kind, g.id, g.full_path as path from groups g
    where exists (select 1 from p where p.group_path_ids @> array[g.id]::bigint[])
    order by path`;
  return rows.map((r) => ({
    kind: r.kind,
    id: Number(r.id),
    path: r.path,
    rootNamespace: root(r.path),
  }));
}
