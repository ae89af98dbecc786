import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { probeRegistryLevel } from "./catalog-source";

// What an anonymous read recovers of a registry's level when GitLab (< 17.10) does not say it.
// Fixture: 3 billing (private, registry public), 10 commons (public, enabled), 11 tools
// (internal, enabled), 13 legacy-portal (internal, private), 7 ml-models (private, disabled).
describe("probeRegistryLevel", () => {
  const probe = (id: number, visibility: string, packages_enabled = true) =>
    probeRegistryLevel(env().gitlabUrl, { id, visibility, packages_enabled });

  it("recovers public registries and public projects' registries", async () => {
    expect(await probe(3, "private")).toBe("public");
    expect(await probe(10, "public")).toBe("enabled");
  });

  it("leaves what it cannot prove members-only, and a disabled registry disabled", async () => {
    expect(await probe(11, "internal")).toBe("private");
    expect(await probe(13, "internal")).toBe("private");
    expect(await probe(7, "private", false)).toBe("disabled");
  });

  it("trusts the field when GitLab gives it", async () => {
    const level = await probeRegistryLevel(env().gitlabUrl, {
      id: 11,
      visibility: "internal",
      package_registry_access_level: "enabled",
    });
    expect(level).toBe("enabled");
  });
});
