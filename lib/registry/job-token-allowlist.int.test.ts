import { beforeAll, describe, expect, it } from "vitest";
import * as allowlist from "@/app/api/projects/[id]/job-token-allowlist/route";
import * as allowlistTarget from "@/app/api/projects/[id]/job-token-allowlist/[targetId]/route";
import { audit, call, gitlab, resetRegistryFixture } from "@/lib/testing/settings-kit";

// The CI/CD job token allowlist through the registry settings API's route handlers, with fixture users' GitLab
// tokens: refused by the portal (403, nothing changed, audited), refused by GitLab, and
// accepted (changed in GitLab, read back, audited).

describe("registry settings API", () => {
  beforeAll(async () => {
    const s = await resetRegistryFixture();
    expect(s.status).toBe("succeeded");
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
});
