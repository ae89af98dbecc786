import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getSql } from "@/db";
import { writeCatalog } from "@/db/catalog-changes";
import { listPackages, type PackageList } from "@/db/queries/catalog";
import { listStalePackages } from "@/db/queries/catalog-scope";
import { toReader } from "@/lib/access/reader";
import { authenticateToken } from "@/lib/auth/api-token";
import { resetCatalog, resetSandbox } from "@/lib/testing/catalog-kit";
import { runSync } from "@/lib/sync/sync";
import { catalogQuerySchema, resolveSort } from "@/lib/validations/catalog";

// The catalog's rows name their project (path, link) from a map the process keeps instead of a
// join in every page query (db/queries/project-refs.ts). What a user notices: every row links
// to its own project, and a project renamed in GitLab shows its new path after the next sync.

afterAll(() => closeDb());

type Reader = ReturnType<typeof toReader>;
let admin: Reader;

const page = (qs: string): Promise<PackageList> => {
  const q = catalogQuerySchema.parse(Object.fromEntries(new URLSearchParams(qs)));
  return listPackages({ ...admin, ...q, sort: resolveSort(q), perPage: q.per_page });
};

async function projectsById() {
  const rows = await getSql()<{ id: string; path: string; web_url: string }[]>`
    select id, path_with_namespace as path, web_url from projects`;
  return new Map(rows.map((r) => [Number(r.id), { path: r.path, webUrl: r.web_url }]));
}

beforeAll(async () => {
  await resetSandbox();
  await resetCatalog();
  await runSync({ kind: "full", trigger: "test", newFilesLimit: 0 });
  admin = toReader((await authenticateToken({ token: "glpat-sandbox-admin", kind: "pat" })).user);
});

describe("the project a catalog row names", () => {
  it("is the row's own, in every view and reading strategy", async () => {
    const projects = await projectsById();
    const queries = [
      "per_page=100&view=versions",
      "per_page=100&view=packages&sort=name",
      "per_page=50&q=platon",
      "per_page=50&q=ui-kti&view=packages",
      "per_page=50&status=default&sort=size&order=asc&view=packages",
      "per_page=50&published_to=2100-01-01&sort=published&order=asc&view=packages",
    ];
    const seen = new Set<number>();
    for (const qs of queries) {
      const list = await page(qs);
      expect(list.items.length, qs).toBeGreaterThan(0);
      for (const item of list.items) {
        const project = projects.get(item.projectId)!;
        expect([item.projectPath, item.projectWebUrl], qs).toEqual([project.path, project.webUrl]);
        seen.add(item.projectId);
      }
    }
    expect(seen.size).toBeGreaterThan(3);
  });

  it("follows a rename written to the mirror, in the catalog and the stale list", async () => {
    const sql = getSql();
    const [{ id }] = await sql<{ id: string }[]>`
      select p.project_id as id from packages p group by 1 order by count(*) desc limit 1`;
    const projectId = Number(id);
    const before = (await projectsById()).get(projectId)!;
    const shown = async () => {
      const list = await page(`per_page=5&project=${projectId}`);
      const stale = await listStalePackages(admin, { projectId }, 5);
      return [...list.items, ...stale].map((i) => [i.projectPath, i.projectWebUrl]);
    };
    expect(await shown()).toContainEqual([before.path, before.webUrl]);

    // As a sync writes a moved project: through the one write path, which drops the map.
    const path = `${before.path}-moved`;
    const webUrl = `${before.webUrl}-moved`;
    await writeCatalog(
      () => sql`update projects set path_with_namespace = ${path}, web_url = ${webUrl}
        where id = ${projectId}`,
    );
    const after = await shown();
    expect(after.length).toBeGreaterThan(0);
    for (const row of after) expect(row).toEqual([path, webUrl]);
  });
});
