// Maven by raw HTTP: files with their checksums, side files, artifact metadata, duplicates.
import { describe, expect, it } from "vitest";
import { api, PAT } from "./helpers";
import { bytes, sb, settings, sha, sandboxPerFile } from "./pm-kit";

sandboxPerFile();

describe("Maven", () => {
  const base = "/projects/9/packages/maven/com/acme/lib";
  const h = { "private-token": PAT("owner") };

  it("PUT files and checksums, GET with side files, artifact metadata in a versionless package", async () => {
    const jar = Buffer.from("jar-bytes");
    expect(
      (await api(sb, `${base}/1.0/lib-1.0.jar`, { method: "PUT", headers: h, body: jar })).status,
    ).toBe(200);
    const sha1 = await api(sb, `${base}/1.0/lib-1.0.jar.sha1`, {
      method: "PUT",
      headers: h,
      body: sha("sha1", jar),
    });
    expect(sha1.status).toBe(204);
    const badSha1 = await api(sb, `${base}/1.0/lib-1.0.jar.sha1`, {
      method: "PUT",
      headers: h,
      body: "nope",
    });
    expect(badSha1.status).toBe(409);
    const meta =
      "<metadata><versioning><versions><version>1.0</version></versions></versioning></metadata>";
    await api(sb, `${base}/maven-metadata.xml`, { method: "PUT", headers: h, body: meta });
    expect((await bytes(`${base}/1.0/lib-1.0.jar`, h)).body.equals(jar)).toBe(true);
    expect((await bytes(`${base}/1.0/lib-1.0.jar.md5`, h)).body.toString()).toBe(sha("md5", jar));
    expect((await bytes(`${base}/1.0/lib-1.0.jar.sha256`, h)).body.toString()).toBe(
      sha("sha256", jar),
    );
    expect((await bytes(`${base}/maven-metadata.xml`, h)).body.toString()).toBe(meta);
    const list = await api(
      sb,
      "/projects/9/packages?package_name=com/acme/lib&include_versionless=true",
      { as: "owner" },
    );
    expect(list.body.map((p: { version: string | null }) => p.version).sort()).toEqual([
      "1.0",
      null,
    ]);
  });

  it("fixture artifacts: artifact-level metadata lists the series; checksums match the bytes", async () => {
    const meta = await bytes("/projects/1/packages/maven/com/platon/api-client/maven-metadata.xml");
    expect(meta.body.toString()).toContain("<artifactId>api-client</artifactId>");
    const version = /<release>([^<]+)<\/release>/.exec(meta.body.toString())![1];
    const jarPath = `/projects/1/packages/maven/com/platon/api-client/${version}/api-client-${version}.jar`;
    const jar = await bytes(jarPath);
    expect(jar.status).toBe(200);
    expect((await bytes(`${jarPath}.sha1`)).body.toString()).toBe(sha("sha1", jar.body));
  });

  it("a duplicate file is refused with 400 once the group disallows maven duplicates", async () => {
    const put = () => api(sb, `${base}/2.0/lib-2.0.jar`, { method: "PUT", headers: h, body: "x" });
    expect((await put()).status).toBe(200);
    await settings(101, { maven_duplicates_allowed: false });
    const r = await put();
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ message: "400 Bad request - Duplicate package is not allowed" });
    // the versionless metadata package still takes uploads
    const meta = await api(sb, `${base}/maven-metadata.xml`, {
      method: "PUT",
      headers: h,
      body: "<m/>",
    });
    expect(meta.status).toBe(200);
  });
});
