import { Gitlab } from "@gitbeaker/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../src/server";
import { api, PAT, start } from "./helpers";

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(() => sb.close());

describe("group package listing", () => {
  it("gitbeaker follows Link rel=next across pages and gets x-total rows", async () => {
    const first = await api(sb, "/groups/platon/packages?per_page=20", { as: "owner" });
    const total = Number(first.headers.get("x-total"));
    expect(total).toBeGreaterThan(100);
    const gl = new Gitlab({ host: sb.url, token: PAT("owner") });
    const all = await gl.Packages.all({ groupId: "platon", perPage: 20 });
    expect(all).toHaveLength(total);
    expect(new Set(all.map((p) => p.id)).size).toBe(total);
    expect(
      all.every((p) => typeof p.project_id === "number" && typeof p.project_path === "string"),
    ).toBe(true);
  });

  it("sends GitLab's pagination headers and Link relations with the original filters", async () => {
    const r = await api(sb, "/groups/platon/packages?per_page=10&page=2&package_type=npm", {
      as: "owner",
    });
    expect(r.status).toBe(200);
    const total = Number(r.headers.get("x-total"));
    expect(r.headers.get("x-page")).toBe("2");
    expect(r.headers.get("x-per-page")).toBe("10");
    expect(r.headers.get("x-prev-page")).toBe("1");
    expect(r.headers.get("x-next-page")).toBe("3");
    expect(r.headers.get("x-total-pages")).toBe(String(Math.ceil(total / 10)));
    const link = r.headers.get("link")!;
    for (const rel of ["prev", "next", "first", "last"]) expect(link).toContain(`rel="${rel}"`);
    const next = /<([^>]+)>; rel="next"/.exec(link)![1];
    expect(new URL(next).searchParams.get("package_type")).toBe("npm");
    expect(new URL(next).searchParams.get("page")).toBe("3");
    expect(r.body.every((p: { package_type: string }) => p.package_type === "npm")).toBe(true);
    const last = await api(
      sb,
      `/groups/platon/packages?per_page=10&page=${Math.ceil(total / 10)}&package_type=npm`,
      {
        as: "owner",
      },
    );
    expect(last.headers.get("x-next-page")).toBe("");
    expect(last.headers.get("link")).not.toContain('rel="next"');
  });

  it("caps per_page at 100", async () => {
    const r = await api(sb, "/groups/platon/packages?per_page=500", { as: "owner" });
    expect(r.headers.get("x-per-page")).toBe("100");
    expect(r.body).toHaveLength(100);
  });

  it("defaults to displayable statuses, ascending created_at", async () => {
    const r = await api(sb, "/groups/platon/packages?per_page=100", { as: "owner" });
    const statuses = new Set(r.body.map((p: { status: string }) => p.status));
    expect(
      [...statuses].every((s) => ["default", "error", "deprecated"].includes(s as string)),
    ).toBe(true);
    const times = r.body.map((p: { created_at: string }) => Date.parse(p.created_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const hidden = await api(sb, "/groups/platon/packages?status=hidden", { as: "owner" });
    expect(hidden.body.length).toBeGreaterThan(0);
    expect(hidden.body.every((p: { status: string }) => p.status === "hidden")).toBe(true);
  });

  it("excludes versionless packages unless include_versionless", async () => {
    const without = await api(sb, "/projects/1/packages?per_page=100&package_type=maven", {
      as: "owner",
    });
    const withV = await api(
      sb,
      "/projects/1/packages?per_page=100&package_type=maven&include_versionless=true",
      {
        as: "owner",
      },
    );
    expect(without.body.some((p: { version: string | null }) => p.version === null)).toBe(false);
    const nulls = withV.body.filter((p: { version: string | null }) => p.version === null);
    expect(nulls.map((p: { name: string }) => p.name).sort()).toEqual([
      "com/platon/api-client",
      "com/platon/api-server",
    ]);
  });

  it("filters by name substring (case-insensitive) and exact version", async () => {
    const r = await api(sb, "/groups/shared/packages?package_name=UI-KIT&per_page=100", {
      as: "owner",
    });
    expect(r.body.length).toBeGreaterThan(5);
    expect(r.body.every((p: { name: string }) => p.name === "@platon/ui-kit")).toBe(true);
    const v = await api(
      sb,
      "/groups/shared/packages?package_name=ui-kit&package_version=1.2.0-beta.1",
      { as: "owner" },
    );
    expect(v.body.map((p: { version: string }) => p.version)).toEqual(["1.2.0-beta.1"]);
  });

  it("orders by name desc and by project_path (group only)", async () => {
    const r = await api(sb, "/groups/platon/packages?order_by=name&sort=desc&per_page=100", {
      as: "owner",
    });
    const names = r.body.map((p: { name: string }) => p.name);
    expect(names).toEqual([...names].sort().reverse());
    const pp = await api(sb, "/groups/platon/packages?order_by=project_path&per_page=100", {
      as: "owner",
    });
    const paths = pp.body.map((p: { project_path: string }) => p.project_path);
    expect(paths).toEqual([...paths].sort());
  });

  it("rejects invalid parameters with Grape's 400 bodies", async () => {
    const bad = [
      ["/projects/1/packages?order_by=project_path", "order_by does not have a valid value"],
      ["/groups/platon/packages?order_by=size", "order_by does not have a valid value"],
      ["/groups/platon/packages?package_type=docker", "package_type does not have a valid value"],
      ["/groups/platon/packages?status=deleted", "status does not have a valid value"],
      ["/groups/platon/packages?sort=up", "sort does not have a valid value"],
    ];
    for (const [path, error] of bad) {
      const r = await api(sb, path, { as: "owner" });
      expect(r.status, path).toBe(400);
      expect(r.body).toEqual({ error });
    }
  });

  it("project listings carry neither project_id nor project_path", async () => {
    const r = await api(sb, "/projects/platon%2Fbackend%2Fapi/packages", { as: "owner" });
    expect(r.status).toBe(200);
    expect(r.body.length).toBeGreaterThan(0);
    for (const p of r.body) {
      expect(p).not.toHaveProperty("project_id");
      expect(p).not.toHaveProperty("project_path");
    }
  });

  it("exclude_subgroups keeps only the group's own projects", async () => {
    const r = await api(sb, "/groups/platon/packages?exclude_subgroups=true&per_page=100", {
      as: "owner",
    });
    expect(new Set(r.body.map((p: { project_id: number }) => p.project_id))).toEqual(
      new Set([8, 9]),
    );
  });
});

describe("single package and files", () => {
  it("shows a package with its other versions", async () => {
    const list = await api(sb, "/projects/10/packages?package_name=ui-kit&per_page=100", {
      as: "reporter",
    });
    const target = list.body.find((p: { version: string }) => p.version === "2.0.0");
    const r = await api(sb, `/projects/10/packages/${target.id}`, { as: "reporter" });
    expect(r.status).toBe(200);
    expect(r.body.name).toBe("@platon/ui-kit");
    expect(r.body.versions.map((v: { version: string }) => v.version)).not.toContain("2.0.0");
    expect(r.body.versions.map((v: { version: string }) => v.version)).toContain("1.2.0-beta.1");
    expect(r.body._links.web_path).toBe(`/shared/commons/-/packages/${target.id}`);
    expect(r.body._links).not.toHaveProperty("delete_api_path");
  });

  it("404s non-detailed packages and unknown ids", async () => {
    const hidden = await api(sb, "/projects/1/packages?status=hidden", { as: "owner" });
    const r = await api(sb, `/projects/1/packages/${hidden.body[0].id}`, { as: "owner" });
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ message: "Package not found" });
    const unknown = await api(sb, "/projects/1/packages/999999", { as: "owner" });
    expect(unknown.body).toEqual({ message: "404 Not found" });
  });

  it("lists files with hashes; order_by file_name desc", async () => {
    const list = await api(sb, "/projects/6/packages?package_name=platon-etl&per_page=1", {
      as: "owner",
    });
    const id = list.body[0].id;
    const r = await api(
      sb,
      `/projects/6/packages/${id}/package_files?order_by=file_name&sort=desc`,
      { as: "owner" },
    );
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(2);
    const names = r.body.map((f: { file_name: string }) => f.file_name);
    expect(names).toEqual([...names].sort().reverse());
    expect(names.some((n: string) => n.endsWith(".whl"))).toBe(true);
    for (const f of r.body) {
      expect(f.package_id).toBe(id);
      expect(f.file_sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(f.file_md5).toMatch(/^[0-9a-f]{32}$/);
      expect(f.size).toBeGreaterThan(0);
    }
  });
});

describe("gitbeaker with path ids", () => {
  it("encodes a nested group path and reads the same rows as the numeric id", async () => {
    const gl = new Gitlab({ host: sb.url, token: PAT("maintainer") });
    const byPath = await gl.Packages.all({ groupId: "platon/backend", perPage: 100 });
    const byId = await gl.Packages.all({ groupId: 102, perPage: 100 });
    expect(byPath.map((p) => p.id)).toEqual(byId.map((p) => p.id));
    expect(new Set(byPath.map((p) => p.project_id))).toEqual(new Set([1, 2, 3]));
    const version = await gl.Packages.show(
      "platon/backend/api",
      byPath.find((p) => p.project_id === 1)!.id,
    );
    expect(version.project_id).toBeUndefined();
  });
});
