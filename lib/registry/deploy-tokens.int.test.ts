import { beforeAll, describe, expect, it } from "vitest";
import * as projectTokens from "@/app/api/projects/[id]/deploy-tokens/route";
import * as projectToken from "@/app/api/projects/[id]/deploy-tokens/[tokenId]/route";
import * as groupTokens from "@/app/api/groups/[id]/deploy-tokens/route";
import { audit, call, gitlab, resetRegistryFixture } from "@/lib/testing/settings-kit";

// Deploy tokens through the registry settings API's route handlers, with fixture users' GitLab
// tokens: refused by the portal (403, nothing changed, audited), refused by GitLab, and
// accepted (changed in GitLab, read back, audited).

describe("registry settings API", () => {
  beforeAll(async () => {
    const s = await resetRegistryFixture();
    expect(s.status).toBe("succeeded");
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
});
