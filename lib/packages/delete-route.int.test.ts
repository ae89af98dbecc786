import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db";
import { DELETE as deleteFileRoute } from "@/app/api/packages/[id]/files/[fileId]/route";
import { DELETE as deletePackageRoute } from "@/app/api/packages/[id]/delete-handler";
import { POST as bulkDeleteRoute } from "@/app/api/packages/bulk-delete/route";
import {
  auditRows,
  fileStillInGitlab,
  inMirror,
  seedMirror,
  stillInGitlab,
  takePackage,
  takePackageWithFiles,
  addFault,
  clearFaults,
  publishPackages,
  resetSandbox,
  actAs,
  registryLevelHidden,
} from "@/lib/testing/delete-kit";
import { refreshUserAccess } from "@/lib/access/memberships";

// Through the HTTP route handlers with a GitLab token, as a script or CI job would call them.

const BASE = "http://localhost:3999";
const token = (user: string) => ({ "PRIVATE-TOKEN": `glpat-sandbox-${user}` });
const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) });

function del(path: string, headers: Record<string, string>) {
  return new NextRequest(`${BASE}${path}`, { method: "DELETE", headers });
}

async function bulk(user: string, ids: unknown) {
  const req = new NextRequest(`${BASE}/api/packages/bulk-delete`, {
    method: "POST",
    headers: { ...token(user), "content-type": "application/json" },
    body: JSON.stringify({ ids }),
  });
  return bulkDeleteRoute(req, ctx({}));
}

describe("delete routes", () => {
  beforeAll(async () => {
    await resetSandbox();
    await seedMirror();
  });
  afterEach(() => clearFaults());

  it("refuses a developer's forged DELETE with 403; the package stays in GitLab", async () => {
    const id = await takePackage(1);
    const res = await deletePackageRoute(
      del(`/api/packages/${id}`, token("developer")),
      ctx({ id: String(id) }),
    );
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.error.code).toBe("forbidden");
    expect(body.error.message).toMatch(/You are a Developer of platon\/backend\/api/);
    expect(await stillInGitlab(1, id)).toBe(true);
    expect(await inMirror(id)).toBe(true);
    expect(await auditRows(id)).toMatchObject([
      { actor_username: "developer", result: "refused", via: "api" },
    ]);
  });

  it("lets a maintainer delete through the route with a token", async () => {
    const id = await takePackage(2);
    const res = await deletePackageRoute(
      del(`/api/packages/${id}`, token("maintainer")),
      ctx({ id: String(id) }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, ok: true, status: "deleted" });
    expect(await stillInGitlab(2, id)).toBe(false);
    expect(await inMirror(id)).toBe(false);
    expect(await auditRows(id)).toMatchObject([
      { result: "success", via: "api", project_path: "platon/backend/auth-service" },
    ]);
  });

  it("answers a malformed id with 404", async () => {
    const bad = await deletePackageRoute(
      del(`/api/packages/abc`, token("maintainer")),
      ctx({ id: "abc" }),
    );
    expect(bad.status).toBe(404);
  });

  it.each([
    [500, "gitlab_unavailable", 502, /not answering/],
    [503, "gitlab_unavailable", 502, /not answering/],
    [429, "rate_limited", 429, /rate-limiting/],
  ])("GitLab %i on DELETE → %s, nothing changes", async (status, code, httpStatus, message) => {
    const id = await takePackage(2);
    // Enough hits to outlast the requester's retries (DELETE is retried on 429/503 only).
    await addFault({
      status,
      retry_after: 0,
      count: 10,
      path: `/api/v4/projects/2/packages/${id}`,
    });
    const res = await deletePackageRoute(
      del(`/api/packages/${id}`, token("maintainer")),
      ctx({ id: String(id) }),
    );
    expect(res.status).toBe(httpStatus);
    const body = await res.json();
    expect(body.error).toMatchObject({ code });
    expect(body.error.message).toMatch(message);
    await clearFaults();
    expect(await stillInGitlab(2, id)).toBe(true);
    expect(await inMirror(id)).toBe(true);
    expect(await auditRows(id)).toMatchObject([{ result: "failed" }]);
  });

  it("deletes a single file and fixes the version's size and file count", async () => {
    const { id, files } = await takePackageWithFiles(2);
    const [victim] = files;
    const path = `/api/packages/${id}/files/${victim.id}`;

    const refused = await deleteFileRoute(
      del(path, token("developer")),
      ctx({ id: String(id), fileId: String(victim.id) }),
    );
    expect(refused.status).toBe(403);
    expect(await fileStillInGitlab(2, id, victim.id)).toBe(true);

    const res = await deleteFileRoute(
      del(path, token("maintainer")),
      ctx({ id: String(id), fileId: String(victim.id) }),
    );
    expect(res.status).toBe(200);
    expect(await fileStillInGitlab(2, id, victim.id)).toBe(false);
    const [row] = await getSql()<{ size_bytes: string; file_count: number }[]>`
      select size_bytes, file_count from packages where id = ${id}`;
    expect(row.file_count).toBe(files.length - 1);
    expect(Number(row.size_bytes)).toBe(files.slice(1).reduce((s, f) => s + f.size, 0));
    const rows = await auditRows(id);
    expect(
      rows.map((r) => [r.actor_username, r.action, r.result, Number(r.file_id), Number(r.bytes)]),
    ).toEqual([
      ["developer", "package_file.delete", "refused", victim.id, victim.size],
      ["maintainer", "package_file.delete", "success", victim.id, victim.size],
    ]);
  });

  it("bulk: per-id results for a mix of allowed, refused, unreadable and unknown ids", async () => {
    const allowed = [await takePackage(2), await takePackage(2), await takePackage(1)];
    // Maintainer has no role on platon/frontend/web-app (4, internal): GitLab refuses (403);
    // before 17.10 the portal mirrors its registry as members-only, so it is hidden (404).
    const old = await registryLevelHidden();
    const refusedAs = old ? "not_found" : "refused";
    const refused = [await takePackage(4), await takePackage(4)];
    const unreadable = await takePackage(5);
    const unknown = 987654;
    // GitLab fails one of the allowed ones; the rest still go through.
    const flaky = await takePackage(1);
    await addFault({ status: 500, count: 1, path: `/api/v4/projects/1/packages/${flaky}` });
    const ids = [...allowed, ...refused, unreadable, unknown, flaky, allowed[0]];
    const res = await bulk("maintainer", ids);
    expect(res.status).toBe(200);
    const body = await res.json();
    const byId = new Map(body.results.map((r: { id: number; status: string }) => [r.id, r.status]));
    expect(body.results).toHaveLength(ids.length - 1); // the duplicate is dropped
    for (const id of allowed) expect(byId.get(id)).toBe("deleted");
    for (const id of refused) expect(byId.get(id)).toBe(refusedAs);
    expect(byId.get(unreadable)).toBe("not_found");
    expect(byId.get(unknown)).toBe("not_found");
    expect(byId.get(flaky)).toBe("failed");
    expect(body).toMatchObject(
      old
        ? { deleted: 3, refused: 0, failed: 1, not_found: 4 }
        : { deleted: 3, refused: 2, failed: 1, not_found: 2 },
    );
    for (const id of allowed)
      expect(await stillInGitlab(id === allowed[2] ? 1 : 2, id)).toBe(false);
    for (const id of refused) expect(await stillInGitlab(4, id)).toBe(true);
    expect(await stillInGitlab(1, flaky)).toBe(true);
    expect(await inMirror(flaky)).toBe(true);
    for (const id of [...allowed, ...refused, unreadable, unknown, flaky]) {
      const rows = await auditRows(id);
      expect(rows).toHaveLength(1);
      expect(rows[0].via).toBe("bulk");
    }
  });

  it("bulk: validates ids (1–500 positive integers)", async () => {
    for (const ids of [[], [0], [-3], [1.5], "12", Array.from({ length: 501 }, (_, i) => i + 1)]) {
      const res = await bulk("maintainer", ids);
      expect(res.status).toBe(422);
      expect((await res.json()).error.message).toMatch(/ids/);
    }
  });

  it("bulk: no cap of 20 — 30 versions in one call", async () => {
    const { ids } = await publishPackages({
      project_id: 3,
      count: 30,
      package_type: "generic",
      name: "bulk-thirty",
    });
    await seedMirror();
    // seedMirror dropped every membership cache; the token cache (60 s) would not rebuild it.
    const me = await actAs("maintainer");
    await refreshUserAccess(me.user.id, me.gitlab);
    const res = await bulk("maintainer", ids);
    const body = await res.json();
    expect(body.deleted).toBe(30);
    for (const id of ids) expect(await stillInGitlab(3, id)).toBe(false);
  });
});
