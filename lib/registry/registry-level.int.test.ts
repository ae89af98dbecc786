import { beforeAll, describe, expect, it } from "vitest";
import * as registryRoute from "@/app/api/projects/[id]/registry/route";
import { registryLevelHidden } from "@/lib/testing/delete-kit";
import { sandboxUrl } from "@/lib/testing/catalog-kit";
import {
  audit,
  call,
  catalogProjectIds,
  gitlab,
  resetRegistryFixture,
} from "@/lib/testing/settings-kit";

// The project registry access level through the registry settings API's route handlers, with fixture users' GitLab
// tokens: refused by the portal (403, nothing changed, audited), refused by GitLab, and
// accepted (changed in GitLab, read back, audited).

describe("registry settings API", () => {
  beforeAll(async () => {
    const s = await resetRegistryFixture();
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
});
