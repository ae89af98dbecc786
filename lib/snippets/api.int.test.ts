import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as cronSync } from "@/app/api/cron/sync/route";
import { GET } from "@/app/api/snippets/route";
import { env } from "@/lib/env";
import { resetCatalog, resetSandbox } from "@/lib/testing/catalog-kit";

// GET /api/snippets against the real route handler, PostgreSQL and the sandbox: sign-in first,
// then parameters (422 naming the one that is wrong), then readability (404), then content.

type Body = {
  snippets?: Array<{
    id: string;
    title: string;
    filename: string;
    language: string;
    content: string;
  }>;
  notes?: Array<{ id: string; level: string; text: string }>;
  error?: { code: string; message: string };
};

async function call(query: string, user?: string, headers: Record<string, string> = {}) {
  if (user) headers["PRIVATE-TOKEN"] = `glpat-sandbox-${user}`;
  const res = await GET(new NextRequest(`http://localhost/api/snippets?${query}`, { headers }), {
    params: Promise.resolve({}),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

const OK = "type=npm&scope=project&scope_id=1&auth=deploy-token";

describe("GET /api/snippets", () => {
  beforeAll(async () => {
    await resetSandbox();
    await resetCatalog();
    const res = await cronSync(
      new NextRequest("http://localhost/api/cron/sync?kind=full", {
        method: "POST",
        headers: { authorization: `Bearer ${env().cronSecret}` },
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(200);
  });

  it("asks for sign-in before it looks at the parameters", async () => {
    expect((await call("type=nope")).status).toBe(401);
    expect((await call(OK)).body.error?.code).toBe("unauthenticated");
  });

  it.each([
    ["type=cargo&scope=project&scope_id=1&auth=job-token", "type"],
    ["scope=project&scope_id=1&auth=job-token", "type"],
    ["type=npm&scope=instance&scope_id=1&auth=job-token", "scope"],
    ["type=npm&scope=project&scope_id=abc&auth=job-token", "scope_id"],
    ["type=npm&scope=project&scope_id=-4&auth=job-token", "scope_id"],
    ["type=npm&scope=project&scope_id=1&auth=password", "auth"],
    ["type=npm&scope=project&scope_id=1", "auth"],
    [`${OK}&username=glpat-abcdefghij0123456789`, "username"],
    [`${OK}&username=has%20space`, "username"],
    [`${OK}&package=gldt-abcdef0123`, "package"],
    [`${OK}&version=1.0%20%24(rm)`, "version"],
    [`${OK}&token=glpat-abcdefghij0123456789`, "token"],
  ])("%s → 422 naming %s", async (query, param) => {
    const res = await call(query, "developer");
    expect(res.status).toBe(422);
    expect(res.body.error?.message).toContain(`"${param}"`);
    expect(JSON.stringify(res.body)).not.toContain("glpat-abcdefghij");
  });

  it("answers 404 for a project or group the user cannot read, as for one that does not exist", async () => {
    // Project 1 (platon/backend/api) is private; group 104 (platon/data) holds only private
    // or registry-disabled projects. outsider has no memberships.
    expect((await call(OK, "outsider")).status).toBe(404);
    expect(
      (await call("type=maven&scope=group&scope_id=104&auth=access-token", "outsider")).status,
    ).toBe(404);
    expect(
      (await call("type=npm&scope=project&scope_id=99999&auth=job-token", "developer")).status,
    ).toBe(404);
  });

  it("fills in the instance, the project and the deploy token for a readable project", async () => {
    const res = await call(
      `${OK}&package=%40platon%2Fauth-client&version=1.2.0&username=gitlab%2Bdeploy-token-7`,
      "developer",
    );
    expect(res.status).toBe(200);
    const base = env().gitlabUrl;
    const host = new URL(base).host;
    const npmrc = res.body.snippets!.find((s) => s.id === "npm-npmrc-project")!;
    expect(npmrc).toEqual({
      id: "npm-npmrc-project",
      title: ".npmrc (project level)",
      filename: ".npmrc",
      language: "ini",
      content: `# .npmrc\n@platon:registry=${base}/api/v4/projects/1/packages/npm/\n//${host}/api/v4/projects/1/packages/npm/:_authToken=\${DEPLOY_TOKEN}`,
    });
    expect(res.body.snippets!.find((s) => s.id === "npm-install-project")!.content).toContain(
      "npm install @platon/auth-client@1.2.0",
    );
    expect(res.body.notes!.map((n) => n.id)).toContain("credential-deploy-token");
  });

  it("offers pull-only snippets for a readable group, with the npm root-namespace warning", async () => {
    const res = await call(
      "type=npm&scope=group&scope_id=105&auth=access-token&package=%40platon%2Fui-kit",
      "developer",
    );
    expect(res.status).toBe(200);
    expect(res.body.snippets!.map((s) => s.id)).toEqual([
      "npm-npmrc-group",
      "npm-config-set-group",
      "npm-install-group",
    ]);
    expect(res.body.snippets![0].content).toContain("/api/v4/groups/105/-/packages/npm/");
    // Group 105 is "shared": @platon packages are not served by its npm endpoint.
    expect(res.body.notes!.find((n) => n.id === "npm-scope-mismatch")?.text).toContain("@shared");
  });

  it("uses the job token's username and header for PyPI and Generic", async () => {
    const pypi = await call("type=pypi&scope=project&scope_id=4&auth=job-token", "developer");
    const base = new URL(env().gitlabUrl);
    expect(pypi.body.snippets!.find((s) => s.id === "pypi-pip-index-url-project")!.content).toBe(
      `export PIP_INDEX_URL=${base.protocol}//gitlab-ci-token:\${CI_JOB_TOKEN}@${base.host}/api/v4/projects/4/packages/pypi/simple`,
    );
    const generic = await call("type=generic&scope=project&scope_id=4&auth=job-token", "developer");
    expect(generic.body.snippets!.find((s) => s.id === "generic-upload")!.content).toContain(
      'curl --header "JOB-TOKEN: ${CI_JOB_TOKEN}"',
    );
  });
});
