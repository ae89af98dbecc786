import type postgres from "postgres";
import { packagesGeneration } from "../catalog-changes";
import type { RawPackage } from "./catalog-rows";

// The path and web URL the catalog's rows show for their project, kept in the process instead
// of joined into every page query (catalog-filters.ts, columns). They change only when a sync
// renames or moves a project, which writes through writeCatalog and so moves the packages
// generation in every process: the map is dropped then, like the catalog's other caches.

type ProjectRef = { path: string; webUrl: string };

let refs = new Map<number, ProjectRef>();
let refsGeneration = -1;

/**
 * Rows of the catalog's page queries (without project columns) with their project's path and
 * web URL. Projects not seen since the last change are read in one query. A row whose project
 * is gone (deleted, with its packages, since the page was read) is left out, as the join it
 * replaces left it out.
 */
export async function withProjects<T extends { project_id: string | number }>(
  sql: postgres.Sql,
  rows: T[],
): Promise<Array<T & Pick<RawPackage, "project_path" | "project_web_url">>> {
  const generation = packagesGeneration();
  if (generation !== refsGeneration) {
    refs = new Map();
    refsGeneration = generation;
  }
  const known = refs;
  const missing = [...new Set(rows.map((r) => Number(r.project_id)))].filter(
    (id) => !known.has(id),
  );
  if (missing.length) {
    const found = await sql<{ id: string; path_with_namespace: string; web_url: string }[]>`
      select id, path_with_namespace, web_url from projects
      where id = any(${sql.array(missing)}::bigint[])`;
    // Kept in the map they were read for: if the mirror changed meanwhile, the next call drops it.
    for (const r of found)
      known.set(Number(r.id), { path: r.path_with_namespace, webUrl: r.web_url });
  }
  const out: Array<T & Pick<RawPackage, "project_path" | "project_web_url">> = [];
  for (const row of rows) {
    const ref = known.get(Number(row.project_id));
    if (ref) out.push({ ...row, project_path: ref.path, project_web_url: ref.webUrl });
  }
  return out;
}
