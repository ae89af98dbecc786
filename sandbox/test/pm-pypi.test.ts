// PyPI by raw HTTP: PEP 503 simple pages with the digests of the files served, uploads and
// duplicates as GitLab words them.
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { api, PAT } from "./helpers";
import { bytes, sb, sha, sandboxPerFile } from "./pm-kit";

sandboxPerFile();

describe("PyPI", () => {
  const auth = {
    authorization: `Basic ${Buffer.from(`x:${PAT("developer")}`).toString("base64")}`,
  };

  it("simple pages: PEP 503 names, links with #sha256 of the served file and data-requires-python", async () => {
    const index = await api(sb, "/projects/6/packages/pypi/simple", { headers: auth });
    expect(index.headers.get("content-type")).toContain("text/html");
    expect(index.body).toContain('/packages/pypi/simple/platon-pipelines"');
    const page = await api(sb, "/projects/6/packages/pypi/simple/Platon_Pipelines/", {
      headers: auth,
    });
    expect(page.status).toBe(200);
    const m =
      /href="[^"]+(\/projects\/6\/packages\/pypi\/files\/([0-9a-f]{64})\/([^"#]+\.whl))#sha256=([0-9a-f]{64})" data-requires-python="&gt;=3.8"/.exec(
        page.body,
      )!;
    expect(m).not.toBeNull();
    expect(m[2]).toBe(m[4]);
    const file = await bytes(m[1], auth);
    expect(file.status).toBe(200);
    expect(sha("sha256", file.body)).toBe(m[2]);
    const zip = await JSZip.loadAsync(file.body);
    expect(Object.keys(zip.files).some((n) => n.endsWith(".dist-info/METADATA"))).toBe(true);
    const wrong = await bytes(m[1].replace(m[2], "0".repeat(64)), auth);
    expect(wrong.status).toBe(404);
  });

  it("upload → 201 and listed; the same file again → 400 as GitLab words it", async () => {
    const upload = () => {
      const form = new FormData();
      form.set("name", "pm-test");
      form.set("version", "0.1.0");
      form.set("requires_python", ">=3.10");
      form.set("content", new Blob([Buffer.from("wheel-bytes")]), "pm_test-0.1.0-py3-none-any.whl");
      return api(sb, "/projects/6/packages/pypi", { method: "POST", headers: auth, body: form });
    };
    expect((await upload()).status).toBe(201);
    const dup = await upload();
    expect(dup.status).toBe(400);
    expect(dup.body).toEqual({
      message: "400 Bad request - Validation failed: File name has already been taken",
    });
    const page = await api(sb, "/groups/platon/-/packages/pypi/simple/pm-test", { headers: auth });
    expect(page.body).toContain(`#sha256=${sha("sha256", Buffer.from("wheel-bytes"))}`);
    expect(page.body).toContain('data-requires-python="&gt;=3.10"');
  });
});
