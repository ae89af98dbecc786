import type postgres from "postgres";
import { packagesGeneration } from "../catalog-changes";
import { toRow, type ListedRow, type PageRaw, type ProjectRef } from "./catalog-rows";

// The path and web URL the catalog's rows show for their project, kept in the process instead
// of joined into every page query (catalog-filters.ts, columns). They change only when a sync
// renames or moves a project, which writes through writeCatalog and so moves the packages
// generation in every process: the map is dropped then, like the catalog's other caches.

let refs = new Map<number, ProjectRef>();
let refsGeneration = -1;

/**
 * The projects of rows read by the catalog's page queries (without project columns): those not
 * seen since the last change are read in one query. A project missing from the map is gone
 * (deleted, with its packages, since the page was read): the caller leaves its rows out, as
 * the join this replaces left them out.
 */
async function projectRefs(
  sql: postgres.Sql,
  rows: Array<{ project_id: string | number }>,
): Promise<Map<number, ProjectRef>> {
  const generation = packagesGeneration();
  if (generation !== refsGeneration) {
    refs = new Map();
    refsGeneration = generation;
  }
  const known = refs;
  const missing = new Set<number>();
  for (const r of rows) {
    const id = Number(r.project_id);
    if (!known.has(id)) missing.add(id);
  }
  if (missing.size) {
    const found = await sql<{ id: string; path_with_namespace: string; web_url: string }[]>`
      select id, path_with_namespace, web_url from projects
      where id = any(${sql.array([...missing])}::bigint[])`;
    // Kept in the map they were read for: if the mirror changed meanwhile, the next call drops it.
    for (const r of found)
      known.set(Number(r.id), { path: r.path_with_namespace, webUrl: r.web_url });
  }
  return known;
}

/**
 * Rows of the catalog's page queries as list rows, each with the raw row it came from, the
 * project (projectRefs) and the access level `levelOf` gives for its project. Rows whose
 * project is gone are left out.
 */
export async function toListedRows<T extends PageRaw>(
  sql: postgres.Sql,
  raw: T[],
  levelOf: (projectId: number) => number | null,
): Promise<Array<{ raw: T; row: ListedRow }>> {
  const projects = await projectRefs(sql, raw);
  const out: Array<{ raw: T; row: ListedRow }> = [];
  for (const r of raw) {
    const projectId = Number(r.project_id);
    const project = projects.get(projectId);
    if (project) out.push({ raw: r, row: toRow(r, project, levelOf(projectId)) });
  }
  return out;
}
