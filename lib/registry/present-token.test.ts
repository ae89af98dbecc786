import { describe, expect, it } from "vitest";
import { canManageRegistry, ROLE, whoCanManage } from "@/lib/permissions";
import { presentToken } from "./deploy-tokens";

const base = {
  id: 1,
  name: "t",
  username: "gitlab+deploy-token-1",
  scopes: ["read_package_registry"],
};
const NOW = Date.parse("2026-01-01T00:00:00Z");

describe("presentToken", () => {
  it.each([
    [null, { no_expiry: true, expiring_soon: false }],
    ["2026-01-10T00:00:00Z", { no_expiry: false, expiring_soon: true }],
    ["2026-01-15T00:00:00Z", { no_expiry: false, expiring_soon: true }],
    ["2026-01-15T00:00:01Z", { no_expiry: false, expiring_soon: false }],
  ])("expires_at %s", (expires_at, flags) => {
    expect(presentToken({ ...base, expires_at }, NOW)).toMatchObject(flags);
  });
});

describe("registry setting roles", () => {
  it.each([
    ["change_registry_access", "project", ROLE.developer, false],
    ["change_registry_access", "project", ROLE.maintainer, true],
    ["manage_deploy_tokens", "group", ROLE.maintainer, false],
    ["manage_deploy_tokens", "group", ROLE.owner, true],
    ["view_deploy_tokens", "group", ROLE.maintainer, true],
    ["manage_package_settings", "group", ROLE.maintainer, false],
    ["manage_package_settings", "project", ROLE.owner, false],
  ] as const)("%s on %s at %i → %s", (action, scope, level, expected) => {
    expect(canManageRegistry(action, scope, { level })).toBe(expected);
  });

  it("says who can", () => {
    expect(whoCanManage("manage_package_settings", "group")).toBe(
      "Only Owners can change package settings.",
    );
    expect(whoCanManage("manage_job_token_allowlist", "project")).toBe(
      "Maintainers and Owners can change the CI/CD job token allowlist.",
    );
  });
});
