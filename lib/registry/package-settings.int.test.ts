import { beforeAll, describe, expect, it } from "vitest";
import * as packageSettings from "@/app/api/groups/[id]/package-settings/route";
import { sandboxUrl } from "@/lib/testing/catalog-kit";
import { audit, call, resetRegistryFixture } from "@/lib/testing/settings-kit";

// A group's package settings (duplicates) through the registry settings API's route handlers, with fixture users' GitLab
// tokens: refused by the portal (403, nothing changed, audited), refused by GitLab, and
// accepted (changed in GitLab, read back, audited).

describe("registry settings API", () => {
  beforeAll(async () => {
    const s = await resetRegistryFixture();
    expect(s.status).toBe("succeeded");
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
