// The generic registry by raw HTTP: upload, download with digests, hidden status, validation,
// duplicates; and the sandbox keeping uploads across restarts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RunningSandbox } from "../src/server";
import { api, call, start } from "./helpers";
import { bytes, dev, sb, settings, sha, sandboxPerFile } from "./pm-kit";

sandboxPerFile();

describe("generic", () => {
  const url = (v: string, f: string) => `/projects/1/packages/generic/tool/${v}/${f}`;

  it("PUT → 201, GET → the bytes as attachment; REST lists the file with real digests", async () => {
    const put = await api(sb, url("1.0.0", "tool.bin"), {
      method: "PUT",
      headers: dev,
      body: "payload-1",
    });
    expect(put.status).toBe(201);
    expect(put.body).toEqual({ message: "201 Created" });
    const got = await bytes(url("1.0.0", "tool.bin"));
    expect(got.body.toString()).toBe("payload-1");
    expect(got.headers.get("content-disposition")).toMatch(/^attachment; filename="tool.bin"/);
    expect(got.headers.get("x-checksum-sha256")).toBe(sha("sha256", Buffer.from("payload-1")));
    const list = await api(sb, "/projects/1/packages?package_name=tool", { as: "developer" });
    expect(list.body).toHaveLength(1);
    const files = await api(sb, `/projects/1/packages/${list.body[0].id}/package_files`, {
      as: "developer",
    });
    expect(files.body[0]).toMatchObject({
      file_name: "tool.bin",
      size: 9,
      file_sha256: sha("sha256", Buffer.from("payload-1")),
      file_md5: sha("md5", Buffer.from("payload-1")),
      file_sha1: sha("sha1", Buffer.from("payload-1")),
    });
  });

  it("?status=hidden: installable but left out of the default listing", async () => {
    const put = await api(sb, `${url("1.1.0", "tool.bin")}?status=hidden`, {
      method: "PUT",
      headers: dev,
      body: "hidden",
    });
    expect(put.status).toBe(201);
    expect((await bytes(url("1.1.0", "tool.bin"))).body.toString()).toBe("hidden");
    const shown = await api(sb, "/projects/1/packages?package_name=tool", { as: "developer" });
    expect(shown.body).toHaveLength(0);
    const hidden = await api(sb, "/projects/1/packages?package_name=tool&status=hidden", {
      as: "developer",
    });
    expect(hidden.body).toHaveLength(1);
    const bad = await api(sb, `${url("1.2.0", "tool.bin")}?status=error`, {
      method: "PUT",
      headers: dev,
      body: "x",
    });
    expect(bad.status).toBe(400);
  });

  it("validates name, version and file name (400) and select=package_file answers the record", async () => {
    for (const [v, f, error] of [
      ["1..0", "a.bin", "package_version is invalid"],
      ["1.0", "a%20b.bin", "file_name is invalid"],
    ]) {
      const r = await api(sb, url(v, f), { method: "PUT", headers: dev, body: "x" });
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ error });
    }
    const bad = await api(sb, "/projects/1/packages/generic/bad%20name/1.0/a.bin", {
      method: "PUT",
      headers: dev,
      body: "x",
    });
    expect(bad.body).toEqual({ error: "package_name is invalid" });
    const sel = await api(sb, `${url("2.0", "a.bin")}?select=package_file`, {
      method: "PUT",
      headers: dev,
      body: "abc",
    });
    expect(sel.status).toBe(200);
    expect(sel.body).toMatchObject({
      file_name: "a.bin",
      size: 3,
      file_sha256: sha("sha256", Buffer.from("abc")),
    });
  });

  it("a second upload of the same file is refused once the group disallows duplicates", async () => {
    const put = () => api(sb, url("3.0", "a.bin"), { method: "PUT", headers: dev, body: "x" });
    expect((await put()).status).toBe(201);
    expect((await put()).status).toBe(201);
    await settings(101, { generic_duplicates_allowed: false });
    const refused = await put();
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ message: "400 Bad request - Duplicate package is not allowed" });
    await settings(101, { generic_duplicate_exception_regex: "3\\..*" });
    expect((await put()).status).toBe(201);
  });
});

describe("state", () => {
  it("reset drops uploads; SANDBOX_DATA_DIR keeps them and their bytes across restarts", async () => {
    const put = (s: RunningSandbox) =>
      fetch(`http://127.0.0.1:${s.port}/api/v4/projects/1/packages/generic/kept/1.0/k.txt`, {
        method: "PUT",
        headers: dev,
        body: "kept-bytes",
      });
    expect((await put(sb)).status).toBe(201);
    await call(sb, "/-/sandbox/reset", { method: "POST" });
    expect((await bytes("/projects/1/packages/generic/kept/1.0/k.txt")).status).toBe(404);

    const dir = mkdtempSync(path.join(tmpdir(), "sandbox-pm-"));
    try {
      const a = await start({ dataDir: dir });
      expect((await put(a)).status).toBe(201);
      await a.close();
      const b = await start({ dataDir: dir });
      const res = await fetch(
        `http://127.0.0.1:${b.port}/api/v4/projects/1/packages/generic/kept/1.0/k.txt`,
        {
          headers: dev,
        },
      );
      expect(await res.text()).toBe("kept-bytes");
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
