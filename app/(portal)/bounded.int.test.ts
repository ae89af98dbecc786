import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { bounded } from "@/components/layout/bounded";
import { listGroupSummaries } from "@/db/queries/catalog-detail";
import { toReader } from "@/lib/access/reader";
import { REQUEST_MARGIN_MS } from "@/lib/bounded";
import { browseCatalog } from "@/lib/catalog/browse";
import { holdTableLock, lockWaiters } from "@/lib/testing/db-lock";
import { actAs, resetSandbox, seedMirror } from "@/lib/testing/delete-kit";
import { catalogQuerySchema } from "@/lib/validations/catalog";

// Pages answer within the API's bound too (components/layout/bounded.tsx): with the database
// not answering, a page shows "did not load in time" once the bound passes, and loads again
// once the database answers. Every page and the portal's layout go through the bound.
const DEADLINE_MS = 1_000;
vi.stubEnv("GITLAB_DEADLINE_MS", String(DEADLINE_MS)); // before lib/env.ts first reads it
const BOUND_MS = DEADLINE_MS + REQUEST_MARGIN_MS;

const PORTAL = path.resolve(import.meta.dirname);
const serverComponents = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? serverComponents(path.join(dir, e.name))
      : /^(page|layout)\.tsx$/.test(e.name)
        ? [path.join(dir, e.name)]
        : [],
  );

describe("pages whose database does not answer", () => {
  beforeAll(async () => {
    await resetSandbox();
    await seedMirror();
  });

  it("every page and layout that awaits anything is bounded", () => {
    const files = serverComponents(PORTAL);
    expect(files.length).toBeGreaterThan(10);
    const unbounded = files.filter((f) => {
      const src = readFileSync(f, "utf8");
      return /\bawait\b/.test(src) && !/^export default bounded\(\w+\);$/m.test(src);
    });
    expect(unbounded.map((f) => path.relative(PORTAL, f))).toEqual([]);
  });

  it("the catalog's and the groups page's reads show 'did not load in time', then load again", async () => {
    const { user } = await actAs("developer");
    // fresh: as on a reload — a page the portal's page cache cannot answer, so it reads the
    // database (a cached page answers without it).
    const Catalog = bounded(async () => {
      const page = await browseCatalog(user, catalogQuerySchema.parse({ q: "platon" }), {
        fresh: true,
      });
      const groups = await listGroupSummaries(toReader(user));
      return createElement("p", null, `${page.total} versions in ${groups.length} groups`);
    });
    const render = async () => renderToStaticMarkup(await Catalog({}));
    expect(await render()).toMatch(/^<p>\d+ versions in \d+ groups<\/p>$/);

    const release = await holdTableLock("packages");
    try {
      const started = Date.now();
      const html = await render();
      const ms = Date.now() - started;
      expect(html).toContain("This did not load in time");
      expect(html).toContain(`did not answer within ${BOUND_MS / 1000} seconds`);
      expect(ms).toBeGreaterThanOrEqual(BOUND_MS - 50);
      expect(ms).toBeLessThan(BOUND_MS + 1_500);
      // The page's read was cancelled with it: nothing is left waiting for the table.
      expect(await lockWaiters((n) => n === 0)).toBe(0);
    } finally {
      await release();
    }
    expect(await render()).toMatch(/^<p>\d+ versions in \d+ groups<\/p>$/);
  });
});
