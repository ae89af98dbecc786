import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/audit/route";
import { getSql } from "@/db";
import { createAuditEvent } from "@/db/queries/audit";
import { actAs, FIXTURE_IDS, resetSandbox, seedMirror } from "@/lib/testing/delete-kit";

// Who reads what in the audit log, the filters, and the CSV export — through the route.

const get = async (user: string, qs = "") => {
  const req = new NextRequest(`http://localhost:3999/api/audit${qs}`, {
    headers: { "PRIVATE-TOKEN": `glpat-sandbox-${user}` },
  });
  return GET(req, { params: Promise.resolve({}) });
};
const messages = async (user: string, qs = "") =>
  ((await (await get(user, qs)).json()).items as Array<{ message: string }>)
    .map((i) => i.message)
    .sort();

const event = (
  actor: keyof typeof FIXTURE_IDS,
  projectId: number,
  projectPath: string,
  message: string,
  at?: string,
) =>
  createAuditEvent({
    actorId: FIXTURE_IDS[actor],
    actorUsername: actor,
    action: "package.delete",
    result: message.includes("refused") ? "refused" : "success",
    via: "api",
    projectId,
    projectPath,
    packageId: 1000 + projectId,
    packageName: "pkg",
    packageVersion: "1.0.0",
    bytes: 2048,
    message,
    ...(at ? { at: new Date(at) } : {}),
  });

describe("GET /api/audit", () => {
  beforeAll(async () => {
    await resetSandbox();
    await seedMirror();
    // Sign everyone in once so their role caches exist (maintainer: Maintainer of 1, 2, 3).
    for (const u of ["admin", "maintainer", "developer"] as const) await actAs(u);
    await getSql()`truncate audit_events`;
    await event(
      "admin",
      2,
      "platon/backend/auth-service",
      "admin in backend",
      "2025-03-01T10:00:00Z",
    );
    await event("admin", 4, "platon/frontend/web-app", "admin in frontend", "2025-03-02T10:00:00Z");
    await event(
      "developer",
      1,
      "platon/backend/api",
      "developer refused in backend",
      "2025-03-03T10:00:00Z",
    );
    await event("developer", 4, "platon/frontend/web-app", 'developer, "quoted" in frontend');
  });

  it("admins read every event", async () => {
    expect(await messages("admin")).toHaveLength(4);
  });

  it("a maintainer reads the events of projects they maintain, plus their own", async () => {
    expect(await messages("maintainer")).toEqual([
      "admin in backend",
      "developer refused in backend",
    ]);
  });

  it("anyone else reads only their own actions", async () => {
    expect(await messages("developer")).toEqual(
      ['developer, "quoted" in frontend', "developer refused in backend"].sort(),
    );
  });

  it("filters by actor, project, result and date range", async () => {
    expect(await messages("admin", "?actor=Developer")).toHaveLength(2);
    expect(await messages("admin", "?project=frontend")).toHaveLength(2);
    expect(await messages("admin", "?project=2")).toEqual(["admin in backend"]);
    expect(await messages("admin", "?result=refused")).toEqual(["developer refused in backend"]);
    expect(await messages("admin", "?from=2025-03-02&to=2025-03-03")).toEqual([
      "admin in frontend",
      "developer refused in backend",
    ]);
    expect((await get("admin", "?result=maybe")).status).toBe(422);
  });

  it("exports CSV with a header row and proper escaping, same filters", async () => {
    const res = await get("developer", "?format=csv&project=frontend");
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="audit-/);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "at,actor,action,result,via,project_id,project,package_id,package,version,package_type,file_id,file,bytes,message",
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      ',developer,package.delete,success,api,4,platon/frontend/web-app,1004,pkg,1.0.0,,,,2048,"developer, ""quoted"" in frontend"',
    );
  });
});
