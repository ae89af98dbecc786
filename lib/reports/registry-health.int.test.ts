import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db";
import * as groupReport from "@/app/api/groups/[id]/report/route";
import * as projectReport from "@/app/api/projects/[id]/report/route";
import { DELETE as deletePolicy } from "@/app/api/policies/[id]/route";
import { POST as createPolicy } from "@/app/api/policies/route";
import { runSync } from "@/lib/sync/sync";
import { publishPackages, resetCatalog, resetSandbox, sandboxUrl } from "@/lib/testing/catalog-kit";
import type { Finding } from "./findings";

// Health findings on a fixture built to trigger each: a generic version that is not semantic,
// the fixture's @platon/ui-kit living under `shared` (scope ≠ root namespace), a duplicated
// file in one version (written into the mirror: the sandbox derives files and cannot publish
// a second copy yet), a never-downloaded package, the fixture's public registry
// (platon/backend/billing), and a deploy token without expiry.

const BASE = "http://localhost:3999";
type Report = {
  findings: Finding[];
  counts: Record<string, number>;
  not_checked: { kind: string; reason: string }[];
  storage: { project: string; package_type: string; bytes: number }[];
};

async function report(kind: "groups" | "projects", id: number, user: string) {
  const handler = kind === "groups" ? groupReport.GET : projectReport.GET;
  const res = await handler(
    new NextRequest(`${BASE}/api/${kind}/${id}/report`, {
      headers: { "PRIVATE-TOKEN": `glpat-sandbox-${user}` },
    }),
    { params: Promise.resolve({ id: String(id) }) },
  );
  return { status: res.status, body: (await res.json()) as Report };
}

const kinds = (r: Report, kind: string) => r.findings.filter((f) => f.kind === kind);

describe("registry health report", () => {
  let dupPackage = 0;
  beforeAll(async () => {
    await resetSandbox();
    await resetCatalog();
    // Policies other suites left behind would cover projects this report expects uncovered.
    await getSql()`truncate retention_policies cascade`;
    await publishPackages({
      project_id: 1,
      count: 1,
      package_type: "generic",
      name: "nightly-dump",
      version: "2024.01",
    });
    const token = await fetch(`${sandboxUrl()}/api/v4/projects/1/deploy_tokens`, {
      method: "POST",
      headers: { "PRIVATE-TOKEN": "glpat-sandbox-maintainer", "content-type": "application/json" },
      body: JSON.stringify({ name: "forever", scopes: ["read_package_registry"] }),
    });
    expect(token.status).toBe(201);
    const s = await runSync({ kind: "full", trigger: "test", newFilesLimit: 0 });
    expect(s.status).toBe("succeeded");
    const [pkg] = await getSql()<{ id: string }[]>`
      select id from packages where project_id = 1 and name = 'api-openapi-spec' order by id limit 1`;
    dupPackage = Number(pkg.id);
    await getSql()`insert into package_files (id, package_id, file_name, size, created_at) values
      (990001, ${dupPackage}, 'openapi.yaml', 1000, now() - interval '2 days'),
      (990002, ${dupPackage}, 'openapi.yaml', 1000, now())`;
  });

  it("finds each practice the guide asks for, with a fix and a link", async () => {
    const { status, body } = await report("projects", 1, "maintainer");
    expect(status).toBe(200);
    expect(kinds(body, "invalid_version")).toEqual([
      expect.objectContaining({
        subject: "platon/backend/api: generic nightly-dump@2024.01",
        severity: "warning",
      }),
    ]);
    expect(kinds(body, "duplicate_files")).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^2 copies of openapi.yaml/) }),
    ]);
    expect(kinds(body, "never_downloaded").map((f) => f.subject)).toContain(
      "platon/backend/api: generic nightly-dump",
    );
    expect(kinds(body, "deploy_token_no_expiry")).toEqual([
      expect.objectContaining({ subject: expect.stringContaining('"forever"') }),
    ]);
    expect(body.not_checked).toEqual([]);
    for (const f of body.findings) {
      expect(f.fix.length).toBeGreaterThan(10);
      expect(f.link).toMatch(/^https:\/\/docs\.gitlab\.com\//);
    }
  });

  it("projects with packages and no enabled retention policy are named, until a group policy covers them", async () => {
    const before = await report("groups", 105, "owner");
    expect(kinds(before.body, "no_retention_policy").map((f) => f.subject)).toEqual(
      expect.arrayContaining(["shared/commons", "shared/tools", "shared/licensing"]),
    );
    const created = await createPolicy(
      new NextRequest(`${BASE}/api/policies`, {
        method: "POST",
        headers: { "PRIVATE-TOKEN": "glpat-sandbox-owner", "content-type": "application/json" },
        body: JSON.stringify({
          name: "shared: keep 5",
          scope: { type: "group", id: 105 },
          keep_latest: 5,
          mode: "dry_run",
        }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    try {
      const after = await report("groups", 105, "owner");
      expect(kinds(after.body, "no_retention_policy")).toEqual([]);
      // platon's projects are not covered by a policy on shared.
      const platon = await report("projects", 1, "owner");
      expect(kinds(platon.body, "no_retention_policy").map((f) => f.subject)).toEqual([
        "platon/backend/api",
      ]);
    } finally {
      await deletePolicy(
        new NextRequest(`${BASE}/api/policies/${id}`, {
          method: "DELETE",
          headers: { "PRIVATE-TOKEN": "glpat-sandbox-owner" },
        }),
        { params: Promise.resolve({ id: String(id) }) },
      );
    }
  });

  it("a developer gets the mirror's findings, and is told deploy tokens were not checked", async () => {
    const { body } = await report("projects", 1, "developer");
    expect(kinds(body, "deploy_token_no_expiry")).toEqual([]);
    expect(body.not_checked.map((n) => n.kind)).toContain("deploy_token_no_expiry");
    expect(kinds(body, "invalid_version")).toHaveLength(1);
  });

  it("group report: the public registry, npm scope mismatch under shared, storage by project and type", async () => {
    const platon = await report("groups", 101, "owner");
    expect(kinds(platon.body, "registry_public").map((f) => f.subject)).toEqual([
      "platon/backend/billing",
    ]);
    expect(kinds(platon.body, "npm_scope_mismatch")).toEqual([]);
    expect(platon.body.counts.invalid_version).toBe(1);
    const shared = await report("groups", 105, "owner");
    expect(kinds(shared.body, "npm_scope_mismatch")).toEqual([
      expect.objectContaining({ subject: "shared/commons: @platon/ui-kit", severity: "error" }),
    ]);
    const types = new Set(platon.body.storage.map((s) => s.package_type));
    expect([...types].sort()).toEqual(["generic", "maven", "npm", "nuget", "pypi"]);
  });

  it("an outsider's report leaves out what they cannot read; an unreadable project is a 404", async () => {
    const { body } = await report("groups", 101, "outsider");
    expect(body.findings.some((f) => f.subject.startsWith("platon/backend/api"))).toBe(false);
    expect((await report("projects", 1, "outsider")).status).toBe(404);
  });
});
