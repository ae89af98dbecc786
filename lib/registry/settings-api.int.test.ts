import { toReader } from "@/lib/access/reader";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db";
import { listPackages } from "@/db/queries/catalog";
import * as registryRoute from "@/app/api/projects/[id]/registry/route";
import * as projectTokens from "@/app/api/projects/[id]/deploy-tokens/route";
import * as projectToken from "@/app/api/projects/[id]/deploy-tokens/[tokenId]/route";
import * as groupTokens from "@/app/api/groups/[id]/deploy-tokens/route";
import * as allowlist from "@/app/api/projects/[id]/job-token-allowlist/route";
import * as allowlistTarget from "@/app/api/projects/[id]/job-token-allowlist/[targetId]/route";
import * as packageSettings from "@/app/api/groups/[id]/package-settings/route";
import { authenticateToken } from "@/lib/auth/api-token";
import { runSync } from "@/lib/sync/sync";
import { resetCatalog, resetSandbox, sandboxUrl } from "@/lib/testing/catalog-kit";
import { registryLevelHidden } from "@/lib/testing/delete-kit";

// The registry settings API through its route handlers with fixture users' GitLab tokens:
// refused by the portal (403, nothing changed, audited), refused by GitLab, and accepted
// (changed in GitLab, read back, audited).

const BASE = "http://localhost:3999";
type Handler = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;

async function call(
  handler: Handler,
  user: string,
  method: string,
  path: string,
  params: Record<string, string>,
  body?: unknown,
) {
  const req = new NextRequest(`${BASE}${path}`, {
    method,
    headers: {
      "PRIVATE-TOKEN": `glpat-sandbox-${user}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** GitLab itself, as the admin: what is really there. */
async function gitlab(path: string, init: RequestInit & { as?: string } = {}) {
  const res = await fetch(`${sandboxUrl()}/api/v4/${path}`, {
    ...init,
    headers: {
      "PRIVATE-TOKEN": `glpat-sandbox-${init.as ?? "admin"}`,
      "content-type": "application/json",
      ...(init.headers ?? {}),
    },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const audit = (action: string) =>
  getSql()<
    { actor_username: string; result: string; via: string; message: string; details: unknown }[]
  >`
    select actor_username, result, via, message, details from audit_events
    where action = ${action} order by id`;

async function catalogProjectIds(user: string): Promise<Set<number>> {
  const { user: me } = await authenticateToken({ token: `glpat-sandbox-${user}`, kind: "pat" });
  const ids = new Set<number>();
  for (let page = 1; ; page++) {
    const r = await listPackages({
      ...toReader(me),
      type: [],
      view: "versions",
      never_downloaded: false,
      sort: { field: "published", order: "desc" },
      page,
      perPage: 100,
    });
    for (const i of r.items) ids.add(i.projectId);
    if (page * 100 >= r.total) return ids;
  }
}

describe("registry settings API", () => {
  beforeAll(async () => {
    await resetSandbox();
    await resetCatalog();
    await getSql()`truncate audit_events`;
    const s = await runSync({ kind: "full", trigger: "test", newFilesLimit: 0 });
    expect(s.status).toBe("succeeded");
  });

  describe("registry access level", () => {
    // Before 17.10 GitLab's API neither reports nor accepts the level: only packages_enabled.
    let old = false;
    beforeAll(async () => {
      old = await registryLevelHidden();
    });
    /** What GitLab really holds: the level from 17.10, before it only on/off. */
    const gitlabRegistry = async (id: number) => {
      const p = (await gitlab(`projects/${id}`)).body;
      return old ? (p.packages_enabled ? "on" : "disabled") : p.package_registry_access_level;
    };
    const anonymous = async (id: number) => {
      const res = await fetch(`${sandboxUrl()}/api/v4/projects/${id}/packages`);
      await res.body?.cancel();
      return res.status;
    };
    const put = (user: string, level: string) =>
      call(
        registryRoute.PUT,
        user,
        "PUT",
        "/api/projects/1/registry",
        { id: "1" },
        { access_level: level },
      );

    it("GET tells a developer the level and that they cannot change it", async () => {
      const r = await call(registryRoute.GET, "developer", "GET", "/api/projects/1/registry", {
        id: "1",
      });
      const m = await call(registryRoute.GET, "maintainer", "GET", "/api/projects/1/registry", {
        id: "1",
      });
      if (!old) {
        expect(r).toEqual({
          status: 200,
          body: {
            access_level: "enabled",
            can_change: false,
            settable_levels: [],
            gitlab_limit: null,
          },
        });
        expect(m.body).toEqual({
          access_level: "enabled",
          can_change: true,
          settable_levels: ["disabled", "private", "enabled", "public"],
          gitlab_limit: null,
        });
        return;
      }
      // Project 1 (private, registry enabled): GitLab says only "on"; the least it proves is
      // members only. The maintainer can only switch it off; the notice names the release.
      expect(r.body).toMatchObject({
        access_level: "private",
        can_change: false,
        settable_levels: [],
      });
      expect(m.body).toMatchObject({
        access_level: "private",
        can_change: true,
        settable_levels: ["disabled"],
      });
      expect(m.body.gitlab_limit).toMatch(/^GitLab 17\.\d+\.\d+ lets the portal only switch/);
      expect(m.body.gitlab_limit).toMatch(/17\.10/);
    });

    it("a developer's PUT is refused 403, GitLab unchanged, audited as refused", async () => {
      const before = await gitlabRegistry(1);
      const r = await put("developer", "public");
      expect(r.status).toBe(403);
      expect(r.body.error.message).toMatch(/Maintainers and Owners can change who can pull/);
      expect(await gitlabRegistry(1)).toBe(before);
      expect(before).toBe(old ? "on" : "enabled");
      expect(await audit("registry.access_level")).toMatchObject([
        { actor_username: "developer", result: "refused", via: "api" },
      ]);
    });

    it("GitLab itself refuses the developer too", async () => {
      const r = await gitlab("projects/1", {
        as: "developer",
        method: "PUT",
        body: JSON.stringify(
          old ? { packages_enabled: false } : { package_registry_access_level: "public" },
        ),
      });
      expect(r.status).toBe(403);
    });

    it("a bad level is a 422 naming the parameter", async () => {
      const r = await put("maintainer", "everyone");
      expect(r.status).toBe(422);
      expect(r.body.error.message).toMatch(/access_level/);
    });

    it("public → an outsider sees the packages in the catalog and pulls anonymously; private again → gone (before 17.10: 409 naming the release; off, then on again → members only)", async () => {
      if (old) return oldRelease();
      expect((await catalogProjectIds("outsider")).has(1)).toBe(false);
      expect(await anonymous(1)).toBe(404);

      const open = await put("maintainer", "public");
      expect(open.status).toBe(200);
      expect(open.body).toMatchObject({ access_level: "public", can_change: true });
      expect(await gitlabRegistry(1)).toBe("public");
      expect((await catalogProjectIds("outsider")).has(1)).toBe(true);
      const anon = await fetch(`${sandboxUrl()}/api/v4/projects/1/packages`);
      expect(anon.status).toBe(200);
      expect(((await anon.json()) as unknown[]).length).toBeGreaterThan(0);

      const close = await put("maintainer", "private");
      expect(close.body.access_level).toBe("private");
      expect((await catalogProjectIds("outsider")).has(1)).toBe(false);
      expect(await anonymous(1)).toBe(404);
      const rows = await audit("registry.access_level");
      expect(rows.slice(-2)).toMatchObject([
        { actor_username: "maintainer", result: "success", details: { to: "public" } },
        {
          actor_username: "maintainer",
          result: "success",
          details: { from: "public", to: "private" },
        },
      ]);
      await put("maintainer", "enabled");
    });

    /** Before 17.10 a level GitLab cannot take is refused; off and on again are what it has. */
    async function oldRelease() {
      const refused = await put("maintainer", "public");
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("conflict");
      expect(refused.body.error.message).toMatch(
        /^GitLab 17\.\d+\.\d+ cannot set the package registry to "public"/,
      );
      expect(refused.body.error.details).toMatchObject({ settable_levels: ["disabled"] });
      expect(await gitlabRegistry(1)).toBe("on");
      expect(await anonymous(1)).toBe(404);
      expect((await audit("registry.access_level")).at(-1)).toMatchObject({
        actor_username: "maintainer",
        result: "refused",
      });
      expect((await catalogProjectIds("developer")).has(1)).toBe(true);

      const off = await put("maintainer", "disabled");
      expect(off).toEqual({
        status: 200,
        body: {
          access_level: "disabled",
          can_change: true,
          settable_levels: ["disabled", "private"],
          gitlab_limit: expect.stringMatching(/gives "private" for a private project/),
        },
      });
      expect(await gitlabRegistry(1)).toBe("disabled");
      expect((await catalogProjectIds("developer")).has(1)).toBe(false);

      // On again: GitLab gives a private project's registry "private" — exactly what we show.
      const on = await put("maintainer", "private");
      expect(on.status).toBe(200);
      expect(on.body).toMatchObject({ access_level: "private", settable_levels: ["disabled"] });
      expect(await gitlabRegistry(1)).toBe("on");
      expect(await anonymous(1)).toBe(404);
      expect((await catalogProjectIds("developer")).has(1)).toBe(true);
      expect((await catalogProjectIds("outsider")).has(1)).toBe(false);
      const rows = await audit("registry.access_level");
      expect(rows.slice(-2)).toMatchObject([
        { result: "success", details: { to: "disabled" } },
        { result: "success", details: { from: "disabled", to: "private" } },
      ]);
    }
  });

  describe("deploy tokens", () => {
    it("a developer can neither list nor create project tokens (403, none created)", async () => {
      const list = await call(
        projectTokens.GET,
        "developer",
        "GET",
        "/api/projects/1/deploy-tokens",
        { id: "1" },
      );
      expect(list.status).toBe(403);
      const made = await call(
        projectTokens.POST,
        "developer",
        "POST",
        "/api/projects/1/deploy-tokens",
        { id: "1" },
        { name: "ci", scopes: ["read_package_registry"] },
      );
      expect(made.status).toBe(403);
      expect((await gitlab("projects/1/deploy_tokens")).body).toEqual([]);
      const direct = await gitlab("projects/1/deploy_tokens", {
        as: "developer",
        method: "POST",
        body: JSON.stringify({ name: "x", scopes: ["read_package_registry"] }),
      });
      expect(direct.status).toBe(403);
    });

    it("a maintainer creates a read-only token: 90 days by default, value once, never in the audit log", async () => {
      const made = await call(
        projectTokens.POST,
        "maintainer",
        "POST",
        "/api/projects/1/deploy-tokens",
        { id: "1" },
        { name: "consumer", scopes: ["read_package_registry"] },
      );
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({
        name: "consumer",
        scopes: ["read_package_registry"],
        username: expect.stringMatching(/^gitlab\+deploy-token-/),
      });
      expect(made.body.token).toMatch(/^gldt-/);
      const days = (Date.parse(made.body.expires_at) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(88);
      expect(days).toBeLessThan(91);

      const list = await call(
        projectTokens.GET,
        "maintainer",
        "GET",
        "/api/projects/1/deploy-tokens",
        { id: "1" },
      );
      expect(list.body.can_manage).toBe(true);
      expect(list.body.tokens).toHaveLength(1);
      expect(JSON.stringify(list.body)).not.toContain(made.body.token);
      const rows = await audit("deploy_token.create");
      expect(rows.at(-1)).toMatchObject({ result: "success", actor_username: "maintainer" });
      expect(JSON.stringify(rows)).not.toContain(made.body.token);
    });

    it("flags tokens without expiry and expiring within 14 days", async () => {
      await call(
        projectTokens.POST,
        "maintainer",
        "POST",
        "/api/projects/2/deploy-tokens",
        { id: "2" },
        { name: "forever", scopes: ["read_package_registry"], expires_at: null },
      );
      const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
      await call(
        projectTokens.POST,
        "maintainer",
        "POST",
        "/api/projects/2/deploy-tokens",
        { id: "2" },
        {
          name: "soon",
          scopes: ["read_package_registry", "write_package_registry"],
          expires_at: soon,
        },
      );
      const list = await call(
        projectTokens.GET,
        "maintainer",
        "GET",
        "/api/projects/2/deploy-tokens",
        { id: "2" },
      );
      const byName = Object.fromEntries(list.body.tokens.map((t: { name: string }) => [t.name, t]));
      expect(byName.forever).toMatchObject({
        no_expiry: true,
        expiring_soon: false,
        expires_at: null,
      });
      expect(byName.soon).toMatchObject({ no_expiry: false, expiring_soon: true });
    });

    it("rejects scopes beyond the package registry (422) and creates nothing", async () => {
      const r = await call(
        projectTokens.POST,
        "maintainer",
        "POST",
        "/api/projects/3/deploy-tokens",
        { id: "3" },
        { name: "x", scopes: ["read_repository"] },
      );
      expect(r.status).toBe(422);
      expect(r.body.error.message).toMatch(/scopes/);
      expect((await gitlab("projects/3/deploy_tokens")).body).toEqual([]);
    });

    it("revoke: developer 403 (kept), maintainer 204 (gone from the active list)", async () => {
      const made = await call(
        projectTokens.POST,
        "maintainer",
        "POST",
        "/api/projects/3/deploy-tokens",
        { id: "3" },
        { name: "old", scopes: ["read_package_registry"] },
      );
      const id = String(made.body.id);
      const dev = await call(
        projectToken.DELETE,
        "developer",
        "DELETE",
        `/api/projects/3/deploy-tokens/${id}`,
        { id: "3", tokenId: id },
      );
      expect(dev.status).toBe(403);
      expect((await gitlab("projects/3/deploy_tokens?active=true")).body).toHaveLength(1);
      const ok = await call(
        projectToken.DELETE,
        "maintainer",
        "DELETE",
        `/api/projects/3/deploy-tokens/${id}`,
        { id: "3", tokenId: id },
      );
      expect(ok.status).toBe(204);
      expect((await gitlab("projects/3/deploy_tokens?active=true")).body).toHaveLength(0);
      const listed = await call(
        projectTokens.GET,
        "maintainer",
        "GET",
        "/api/projects/3/deploy-tokens",
        {
          id: "3",
        },
      );
      expect(listed.body.tokens).toEqual([]);
      expect((await audit("deploy_token.revoke")).map((r) => r.result)).toEqual([
        "refused",
        "success",
      ]);
    });

    it("group tokens: a group Maintainer-level reader cannot create, the Owner can", async () => {
      const dev = await call(
        groupTokens.POST,
        "developer",
        "POST",
        "/api/groups/101/deploy-tokens",
        { id: "101" },
        { name: "g", scopes: ["read_package_registry"] },
      );
      expect(dev.status).toBe(403);
      const owner = await call(
        groupTokens.POST,
        "owner",
        "POST",
        "/api/groups/101/deploy-tokens",
        { id: "101" },
        { name: "g", scopes: ["read_package_registry"] },
      );
      expect(owner.status).toBe(201);
      expect((await gitlab("groups/101/deploy_tokens")).body).toHaveLength(1);
    });
  });

  describe("job token allowlist", () => {
    it("developer 403 on read and add; GitLab refuses them too", async () => {
      expect(
        (
          await call(allowlist.GET, "developer", "GET", "/api/projects/1/job-token-allowlist", {
            id: "1",
          })
        ).status,
      ).toBe(403);
      const add = await call(
        allowlist.POST,
        "developer",
        "POST",
        "/api/projects/1/job-token-allowlist",
        { id: "1" },
        { target_project_id: 2 },
      );
      expect(add.status).toBe(403);
      expect(
        (await gitlab("projects/1/job_token_scope/allowlist", { as: "developer" })).status,
      ).toBe(403);
      expect(
        (await gitlab("projects/1/job_token_scope/allowlist")).body.map(
          (p: { id: number }) => p.id,
        ),
      ).toEqual([1]);
    });

    it("a maintainer adds a project and a group, reads them back, removes them", async () => {
      const add = await call(
        allowlist.POST,
        "maintainer",
        "POST",
        "/api/projects/1/job-token-allowlist",
        { id: "1" },
        { target_project_id: 2 },
      );
      expect(add).toEqual({ status: 201, body: { source_project_id: 1, target_project_id: 2 } });
      const addGroup = await call(
        allowlist.POST,
        "maintainer",
        "POST",
        "/api/projects/1/job-token-allowlist",
        { id: "1" },
        { target_group_id: 102 },
      );
      expect(addGroup.status).toBe(201);
      const list = await call(
        allowlist.GET,
        "maintainer",
        "GET",
        "/api/projects/1/job-token-allowlist",
        { id: "1" },
      );
      expect(list.body).toMatchObject({
        inbound_enabled: true,
        projects: [{ id: 2, path_with_namespace: "platon/backend/auth-service" }],
        groups: [{ id: 102, name: "Backend" }],
      });
      const del = await call(
        allowlistTarget.DELETE,
        "maintainer",
        "DELETE",
        "/api/projects/1/job-token-allowlist/102?kind=group",
        { id: "1", targetId: "102" },
      );
      expect(del.status).toBe(204);
      const delP = await call(
        allowlistTarget.DELETE,
        "maintainer",
        "DELETE",
        "/api/projects/1/job-token-allowlist/2",
        { id: "1", targetId: "2" },
      );
      expect(delP.status).toBe(204);
      expect(
        (await gitlab("projects/1/job_token_scope/allowlist")).body.map(
          (p: { id: number }) => p.id,
        ),
      ).toEqual([1]);
      expect((await audit("job_token_allowlist.add")).map((r) => r.result)).toEqual([
        "refused",
        "success",
        "success",
      ]);
    });

    it("GitLab's refusal of a duplicate is passed on, nothing changed", async () => {
      await call(
        allowlist.POST,
        "maintainer",
        "POST",
        "/api/projects/2/job-token-allowlist",
        { id: "2" },
        { target_project_id: 1 },
      );
      const again = await call(
        allowlist.POST,
        "maintainer",
        "POST",
        "/api/projects/2/job-token-allowlist",
        { id: "2" },
        { target_project_id: 1 },
      );
      expect(again.status).toBe(400);
      expect(again.body.error.message).toMatch(/already in the job token scope/);
      expect(
        (await gitlab("projects/2/job_token_scope/allowlist")).body.map(
          (p: { id: number }) => p.id,
        ),
      ).toEqual([2, 1]);
    });
  });

  describe("group package settings", () => {
    it("the Owner's change is read back; a developer's is refused 403 and nothing changed", async () => {
      const dev = await call(
        packageSettings.PUT,
        "developer",
        "PUT",
        "/api/groups/101/package-settings",
        { id: "101" },
        { generic_duplicates_allowed: false },
      );
      expect(dev.status).toBe(403);
      const before = await call(
        packageSettings.GET,
        "owner",
        "GET",
        "/api/groups/101/package-settings",
        { id: "101" },
      );
      expect(before.body.generic_duplicates_allowed).toBe(true);

      const put = await call(
        packageSettings.PUT,
        "owner",
        "PUT",
        "/api/groups/101/package-settings",
        { id: "101" },
        { generic_duplicates_allowed: false, generic_duplicate_exception_regex: "nightly-.*" },
      );
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        generic_duplicates_allowed: false,
        generic_duplicate_exception_regex: "nightly-.*",
        maven_duplicates_allowed: true,
      });
      const back = await call(
        packageSettings.GET,
        "reporter",
        "GET",
        "/api/groups/101/package-settings",
        { id: "101" },
      );
      expect(back.body).toMatchObject({
        generic_duplicates_allowed: false,
        generic_duplicate_exception_regex: "nightly-.*",
      });
    });

    it("GitLab's GraphQL refusal (invalid pattern, HTTP 200 + errors) is a 403; nothing changed", async () => {
      const r = await call(
        packageSettings.PUT,
        "owner",
        "PUT",
        "/api/groups/101/package-settings",
        { id: "101" },
        { maven_duplicates_allowed: false, maven_duplicate_exception_regex: "(unclosed" },
      );
      expect(r.status).toBe(403);
      expect(r.body.error.message).toMatch(/GitLab refused: Maven duplicate exception regex/);
      const back = await call(
        packageSettings.GET,
        "owner",
        "GET",
        "/api/groups/101/package-settings",
        { id: "101" },
      );
      expect(back.body.maven_duplicates_allowed).toBe(true);
      expect((await audit("package_settings.update")).map((x) => x.result)).toEqual([
        "refused",
        "success",
        "refused",
      ]);
    });

    it("GitLab's GraphQL refuses a developer's mutation sent directly", async () => {
      const res = await fetch(`${sandboxUrl()}/api/graphql`, {
        method: "POST",
        headers: { "PRIVATE-TOKEN": "glpat-sandbox-developer", "content-type": "application/json" },
        body: JSON.stringify({
          query: `mutation { updateNamespacePackageSettings(input: {namespacePath: "platon", genericDuplicatesAllowed: true}) { errors } }`,
        }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { errors?: unknown[] };
      expect(body.errors?.length).toBe(1);
    });

    it("an empty or unknown PUT body is a 422", async () => {
      expect(
        (
          await call(
            packageSettings.PUT,
            "owner",
            "PUT",
            "/api/groups/101/package-settings",
            { id: "101" },
            {},
          )
        ).status,
      ).toBe(422);
      expect(
        (
          await call(
            packageSettings.PUT,
            "owner",
            "PUT",
            "/api/groups/101/package-settings",
            { id: "101" },
            { npm_duplicates_allowed: false },
          )
        ).status,
      ).toBe(422);
    });
  });
});
