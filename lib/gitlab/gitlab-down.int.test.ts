import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getSql } from "@/db";
import { DELETE as deletePackageRoute } from "@/app/api/packages/[id]/delete-handler";
import { GET as showRoute } from "@/app/api/packages/[id]/route";
import { POST as bulkDeleteRoute } from "@/app/api/packages/bulk-delete/route";
import { GET as packageSettingsRoute } from "@/app/api/groups/[id]/package-settings/route";
import { GET as catalogRoute } from "@/app/api/packages/route";
import {
  addFault,
  clearFaults,
  inMirror,
  resetSandbox,
  seedMirror,
  stillInGitlab,
  takePackage,
} from "@/lib/testing/delete-kit";

// Issue 12 item 7: with GitLab failing (503 to everything, a 60 s latency, a connection that
// is accepted and never answered — the sandbox's {"hang":true} fault), every portal request
// answers within its bound with the right status, changes nothing and holds nothing; the
// catalog keeps reading from the mirror. A short bound keeps the suite fast.
const DEADLINE_MS = 2_500;
// Set before lib/env.ts first reads the environment (each test file has its own modules).
vi.stubEnv("GITLAB_DEADLINE_MS", String(DEADLINE_MS));
vi.stubEnv("GITLAB_REQUEST_TIMEOUT_MS", "1200");
const BOUND_MS = DEADLINE_MS + 1_500; // deadline plus the request's own database work

const BASE = "http://localhost:3999";
const token = (user: string) => ({ "PRIVATE-TOKEN": `glpat-sandbox-${user}` });
const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) });
const get = (path: string, user: string) =>
  new NextRequest(`${BASE}${path}`, { headers: token(user) });

async function timed(run: () => Promise<Response>) {
  const started = Date.now();
  const res = await run();
  return { res, ms: Date.now() - started, body: await res.json() };
}

async function nothingHeld() {
  const sql = getSql();
  const [tx] = await sql<{ n: number }[]>`
    select count(*)::int as n from pg_stat_activity
    where datname = current_database() and state like 'idle in transaction%'`;
  const [locks] = await sql<{ n: number }[]>`
    select count(*)::int as n from pg_locks where locktype = 'advisory'`;
  expect(tx.n).toBe(0);
  expect(locks.n).toBe(0);
}

const FAULTS = [
  { name: "503 for everything", fault: { status: 503 }, status: 502, code: "gitlab_unavailable" },
  { name: "a 60 s latency", fault: { latency_ms: 60_000 }, status: 504, code: "gitlab_timeout" },
  {
    name: "a connection never answered",
    fault: { hang: true },
    status: 504,
    code: "gitlab_timeout",
  },
];

describe("GitLab down", () => {
  beforeAll(async () => {
    await resetSandbox();
    await seedMirror();
    // Token callers seen in the last minute are known without asking GitLab.
    for (const user of ["maintainer", "owner", "developer"]) {
      const res = await catalogRoute(get("/api/packages", user), ctx({}));
      expect(res.status).toBe(200);
    }
  });
  afterEach(() => clearFaults());

  describe.each(FAULTS)("with $name", ({ fault, status, code }) => {
    it("the catalog and a package's page still read from the mirror", async () => {
      await addFault(fault);
      const list = await timed(() => catalogRoute(get("/api/packages", "developer"), ctx({})));
      expect(list.res.status).toBe(200);
      expect(list.body.total).toBeGreaterThan(0);
      const id = list.body.items[0].id;
      const one = await timed(() =>
        showRoute(get(`/api/packages/${id}`, "developer"), ctx({ id: String(id) })),
      );
      expect(one.res.status).toBe(200);
      expect(one.ms).toBeLessThan(BOUND_MS);
    });

    it(`a delete by token answers ${status} in time and changes nothing`, async () => {
      const id = await takePackage(2);
      await addFault(fault);
      const { res, ms, body } = await timed(() =>
        deletePackageRoute(
          new NextRequest(`${BASE}/api/packages/${id}`, {
            method: "DELETE",
            headers: token("maintainer"),
          }),
          ctx({ id: String(id) }),
        ),
      );
      expect(ms).toBeLessThan(BOUND_MS);
      expect(res.status).toBe(status);
      expect(body.error.code).toBe(code);
      expect(body.error.message).toMatch(/GitLab/);
      await clearFaults();
      expect(await stillInGitlab(2, id)).toBe(true);
      expect(await inMirror(id)).toBe(true);
      await nothingHeld();
    });

    it("a bulk delete answers in time, every item failed, nothing deleted", async () => {
      const ids = [await takePackage(1), await takePackage(1), await takePackage(2)];
      await addFault(fault);
      const { res, ms, body } = await timed(() =>
        bulkDeleteRoute(
          new NextRequest(`${BASE}/api/packages/bulk-delete`, {
            method: "POST",
            headers: { ...token("owner"), "content-type": "application/json" },
            body: JSON.stringify({ ids }),
          }),
          ctx({}),
        ),
      );
      expect(ms).toBeLessThan(BOUND_MS);
      expect(res.status).toBe(200);
      const results = body.results as Array<{ ok: boolean; code?: string }>;
      expect(results).toHaveLength(3);
      for (const r of results) {
        expect(r.ok).toBe(false);
        expect(r.code).toBe(code);
      }
      await clearFaults();
      for (const id of ids) expect(await inMirror(id)).toBe(true);
      await nothingHeld();
    });

    it("a group's package settings (GitLab's GraphQL API) answer in time, naming GitLab", async () => {
      await addFault({ ...fault, path: "/api/graphql" });
      const { res, ms, body } = await timed(() =>
        packageSettingsRoute(get("/api/groups/101/package-settings", "owner"), ctx({ id: "101" })),
      );
      expect(ms).toBeLessThan(BOUND_MS);
      expect(res.status).toBe(status);
      expect(body.error.code).toBe(code);
      expect(body.error.message).toMatch(/GitLab/);
    });

    it("an unknown token's sign-in (GET /user, then the membership refresh) answers in time", async () => {
      await addFault(fault);
      const { res, ms, body } = await timed(() =>
        catalogRoute(get("/api/packages", "reporter"), ctx({})),
      );
      expect(ms).toBeLessThan(BOUND_MS);
      expect(res.status).toBe(status);
      expect(body.error.code).toBe(code);
    });

    it("the membership refresh alone (GitLab answers /user) answers in time", async () => {
      await getSql()`update users set access_refreshed_at = null where username = 'guest'`;
      await addFault({ ...fault, path: "/api/v4/projects" });
      await addFault({ ...fault, path: "/api/v4/groups" });
      const { res, ms, body } = await timed(() =>
        catalogRoute(get("/api/packages", "guest"), ctx({})),
      );
      expect(ms).toBeLessThan(BOUND_MS);
      expect(res.status).toBe(status);
      expect(body.error.code).toBe(code);
      await nothingHeld();
    });
  });

  it("GitLab's GraphQL API rate-limiting once: the settings are read after its Retry-After", async () => {
    await addFault({ status: 429, retry_after: 1, path: "/api/graphql", count: 1 });
    const { res, body } = await timed(() =>
      packageSettingsRoute(get("/api/groups/101/package-settings", "owner"), ctx({ id: "101" })),
    );
    expect(res.status).toBe(200);
    expect(typeof body.maven_duplicates_allowed).toBe("boolean");
  });

  it("once GitLab is back, the same delete goes through", async () => {
    const id = await takePackage(2);
    const res = await deletePackageRoute(
      new NextRequest(`${BASE}/api/packages/${id}`, {
        method: "DELETE",
        headers: token("maintainer"),
      }),
      ctx({ id: String(id) }),
    );
    expect(res.status).toBe(200);
    expect(await stillInGitlab(2, id)).toBe(false);
  });
});

describe("parameters that are not text", () => {
  it.each([
    ["/api/packages?q=%00", "q"],
    ["/api/packages?q=%00%ff", "q"],
    ["/api/packages?q=%ff", "q"],
    ["/api/packages?q=ok&type=%C3%28", "type"],
  ])("GET %s answers 422 naming %s", async (path, name) => {
    const res = await catalogRoute(get(path, "developer"), ctx({}));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.message).toContain(`"${name}"`);
  });

  it("a NUL in a JSON body answers 422; broken UTF-8 in it too", async () => {
    const send = (body: BodyInit) =>
      bulkDeleteRoute(
        new NextRequest(`${BASE}/api/packages/bulk-delete`, {
          method: "POST",
          headers: { ...token("owner"), "content-type": "application/json" },
          body,
        }),
        ctx({}),
      );
    const nul = await send(JSON.stringify({ ids: [1], note: "a\u0000b" }));
    expect(nul.status).toBe(422);
    expect((await nul.json()).error.message).toContain('"note"');
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"ids":[1],"x":"'),
      0xff,
      ...new TextEncoder().encode('"}'),
    ]);
    expect((await send(bytes)).status).toBe(422);
  });

  it("a NUL in a path parameter answers 422", async () => {
    const res = await showRoute(get("/api/packages/1%00", "developer"), ctx({ id: "1\u0000" }));
    expect(res.status).toBe(422);
  });

  it("ordinary non-ASCII text is fine", async () => {
    const res = await catalogRoute(get("/api/packages?q=%C3%A9t%C3%A9", "developer"), ctx({}));
    expect(res.status).toBe(200);
  });
});
