// Per-version differences (SANDBOX_GITLAB_VERSION) and Admin Mode (SANDBOX_ADMIN_MODE).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../src/server";
import { features } from "../src/state/version";
import { api, start } from "./helpers";

describe.each([
  { version: undefined, text: "18.6.0", planner: true, field: true },
  { version: "17.10.0", text: "17.10.0", planner: true, field: true },
  { version: "17.7.0", text: "17.7.0", planner: true, field: false },
  { version: "17.5.0", text: "17.5.0", planner: false, field: false },
  { version: "16.11", text: "16.11.0", planner: false, field: false },
])("GitLab $text", ({ version, text, planner, field }) => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await start({ gitlabVersion: version });
  });
  afterAll(() => sb.close());

  it("answers its version on /version and /metadata", async () => {
    expect((await api(sb, "/version", { as: "guest" })).body.version).toBe(text);
    expect((await api(sb, "/metadata", { as: "guest" })).body.version).toBe(text);
  });

  it(`${planner ? "accepts" : "refuses (400)"} min_access_level=15 on projects and groups`, async () => {
    for (const path of [
      "/projects?membership=true&min_access_level=15",
      "/groups?min_access_level=15",
    ]) {
      const res = await api(sb, path, { as: "planner" });
      if (planner) {
        expect(res.status).toBe(200);
        expect(res.body.length).toBeGreaterThan(0);
      } else {
        expect(res.status).toBe(400);
        expect(res.body).toEqual({ error: "min_access_level does not have a valid value" });
      }
    }
    expect((await api(sb, "/groups?min_access_level=7", { as: "planner" })).status).toBe(400);
  });

  it(`makes the fixture planner a ${planner ? "Planner" : "Guest"}`, async () => {
    const res = await api(sb, "/groups/101/members/all/6", { as: "owner" });
    expect(res.body.access_level).toBe(planner ? 15 : 10);
  });

  it(`${field ? "exposes and accepts" : "omits and ignores"} package_registry_access_level`, async () => {
    const p = (await api(sb, "/projects/13", { as: "owner" })).body;
    expect(p.packages_enabled).toBe(true);
    if (field) expect(p.package_registry_access_level).toBe("private");
    else expect(p).not.toHaveProperty("package_registry_access_level");
    const list = (await api(sb, "/groups/103/projects", { as: "owner" })).body;
    for (const row of list) expect("package_registry_access_level" in row).toBe(field);
    const put = await api(sb, "/projects/13", {
      as: "owner",
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ package_registry_access_level: "public" }),
    });
    expect(put.status).toBe(field ? 200 : 400);
  });

  it("packages_enabled off then on gives the level the project's visibility gives", async () => {
    const put = (id: number, body: unknown) =>
      api(sb, `/projects/${id}`, {
        as: "owner",
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    // Project 3: private project, public registry. On while on changes nothing.
    expect((await put(3, { packages_enabled: true })).status).toBe(200);
    expect(await anonymousStatus(sb, 3)).toBe(200);
    expect((await put(3, { packages_enabled: "no" })).body.packages_enabled).toBe(false);
    expect(await anonymousStatus(sb, 3)).toBe(404);
    const on = (await put(3, { packages_enabled: true })).body;
    expect(on.packages_enabled).toBe(true);
    if (field) expect(on.package_registry_access_level).toBe("private");
    expect(await anonymousStatus(sb, 3)).toBe(404); // private project → members only now
    // Project 11: internal → enabled; project 10: public → public.
    await put(11, { packages_enabled: false });
    if (field)
      expect((await put(11, { packages_enabled: true })).body.package_registry_access_level).toBe(
        "enabled",
      );
    await put(10, { packages_enabled: false });
    const ten = (await put(10, { packages_enabled: 1 })).body;
    if (field) expect(ten.package_registry_access_level).toBe("public");
    expect(await anonymousStatus(sb, 10)).toBe(200);
    expect((await put(10, { packages_enabled: "maybe" })).status).toBe(400);
  });
});

async function anonymousStatus(sb: RunningSandbox, projectId: number) {
  const res = await fetch(`http://127.0.0.1:${sb.port}/api/v4/projects/${projectId}/packages`);
  await res.body?.cancel();
  return res.status;
}

describe("SANDBOX_GITLAB_VERSION validation", () => {
  it("refuses versions outside the modelled range or malformed", () => {
    expect(() => features("16.10.0")).toThrow(/outside the modelled range/);
    expect(() => features("19.0.0")).toThrow(/outside the modelled range/);
    expect(() => features("latest")).toThrow(/must look like/);
  });
});

describe("Admin Mode", () => {
  let on: RunningSandbox;
  let off: RunningSandbox;
  beforeAll(async () => {
    [on, off] = await Promise.all([start({ adminMode: true }), start()]);
  });
  afterAll(async () => {
    await Promise.all([on.close(), off.close()]);
  });

  it("an admin token without admin_mode acts as a regular user when Admin Mode is on", async () => {
    // Project 9 (platon/infra) is private; the admin is no member of it.
    expect((await api(on, "/projects/9", { as: "admin" })).status).toBe(404);
    expect((await api(on, "/user", { as: "admin" })).body.is_admin).toBeFalsy();
    const all = await api(on, "/groups?all_available=true&per_page=100", { as: "admin" });
    expect(all.body.map((g: { id: number }) => g.id)).not.toContain(104);
  });

  it("the admin_mode token acts as admin", async () => {
    const res = await api(on, "/projects/9", { token: "glpat-sandbox-admin-mode" });
    expect(res.status).toBe(200);
    expect((await api(on, "/user", { token: "glpat-sandbox-admin-mode" })).body.is_admin).toBe(
      true,
    );
  });

  it("without Admin Mode every admin token acts as admin", async () => {
    expect((await api(off, "/projects/9", { as: "admin" })).status).toBe(200);
  });
});
