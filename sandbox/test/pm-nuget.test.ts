// NuGet by raw HTTP: the service index, push and the flat container, duplicates, and delete
// with its role rule.
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { api, PAT } from "./helpers";
import { bytes, sandboxPerFile, sb, settings } from "./pm-kit";

sandboxPerFile();

describe("NuGet", () => {
  const owner = {
    authorization: `Basic ${Buffer.from(`owner:${PAT("owner")}`).toString("base64")}`,
  };
  // A fixed entry date: JSZip stamps entries with the current time (two-second resolution), so
  // two builds of one package straddling a tick differed and the byte comparison below flaked.
  const nupkg = async (id: string, version: string) => {
    const z = new JSZip();
    z.file(
      `${id}.nuspec`,
      `<package><metadata><id>${id}</id><version>${version}</version></metadata></package>`,
      { date: new Date("2026-01-01T00:00:00Z") },
    );
    return z.generateAsync({ type: "nodebuffer" });
  };
  const push = async (id: string, version: string) => {
    const form = new FormData();
    form.set("package", new Blob([new Uint8Array(await nupkg(id, version))]), "x.nupkg");
    return api(sb, "/projects/12/packages/nuget", { method: "PUT", headers: owner, body: form });
  };

  it("service index anonymous with GitLab's resource types; push → 201, flat container serves it", async () => {
    const index = await api(sb, "/projects/12/packages/nuget/index.json");
    const types = index.body.resources.map((r: { "@type": string }) => r["@type"]);
    expect(types).toEqual(
      expect.arrayContaining([
        "SearchQueryService",
        "RegistrationsBaseUrl",
        "PackageBaseAddress/3.0.0",
        "PackagePublish/2.0.0",
      ]),
    );
    expect(await push("Acme.Widget", "1.0.0")).toMatchObject({
      status: 201,
      body: { message: "201 Created" },
    });
    const versions = await api(sb, "/projects/12/packages/nuget/download/acme.widget/index.json", {
      headers: owner,
    });
    expect(versions.body).toEqual({ versions: ["1.0.0"] });
    const file = await bytes(
      "/projects/12/packages/nuget/download/acme.widget/1.0.0/acme.widget.1.0.0.nupkg",
      owner,
    );
    expect(file.body.equals(await nupkg("Acme.Widget", "1.0.0"))).toBe(true);
    const reg = await api(sb, "/projects/12/packages/nuget/metadata/acme.widget/index.json", {
      headers: owner,
    });
    expect(reg.body.items[0].items[0].catalogEntry).toMatchObject({
      id: "Acme.Widget",
      version: "1.0.0",
    });
    const q = await api(sb, "/projects/12/packages/nuget/query?q=widget", { headers: owner });
    expect(q.body.totalHits).toBe(1);
  });

  it("duplicates: accepted by default, 409 when the group disallows them", async () => {
    expect((await push("Acme.Dup", "1.0.0")).status).toBe(201);
    expect((await push("Acme.Dup", "1.0.0")).status).toBe(201);
    await settings(105, { nuget_duplicates_allowed: false });
    const r = await push("Acme.Dup", "1.0.0");
    expect(r.status).toBe(409);
    expect(r.body).toEqual({ message: "A package with the same name and version already exists" });
  });
});

describe("NuGet delete", () => {
  it("DELETE …/nuget/:name/:version needs Maintainer+ (X-NuGet-ApiKey works) → 204, then gone", async () => {
    const path = "/projects/12/packages/nuget/platon.licensing/1.0.0";
    const dev = await api(sb, path, {
      method: "DELETE",
      headers: { "x-nuget-apikey": PAT("developer") },
    });
    expect(dev.status).toBe(404); // developer cannot see shared/licensing
    const job = await api(sb, path, {
      method: "DELETE",
      headers: { "x-nuget-apikey": "glcbt-sandbox-12" },
    });
    expect(job.status).toBe(403);
    const owner = await api(sb, path, {
      method: "DELETE",
      headers: { "x-nuget-apikey": PAT("owner") },
    });
    expect(owner.status).toBe(204);
    const versions = await api(
      sb,
      "/projects/12/packages/nuget/download/platon.licensing/index.json",
      {
        headers: {
          authorization: `Basic ${Buffer.from(`owner:${PAT("owner")}`).toString("base64")}`,
        },
      },
    );
    expect(versions.body.versions).not.toContain("1.0.0");
  });
});
