import { describe, expect, it } from "vitest";
import { renderNpm } from "./npm";
import { credentialFor } from "./model";
import { instanceUrls, userinfo } from "./urls";

describe("instance URLs", () => {
  it.each([
    [
      "https://gitlab.example.com",
      "https://gitlab.example.com/api/v4",
      "//gitlab.example.com",
      true,
    ],
    [
      "https://gitlab.example.com/",
      "https://gitlab.example.com/api/v4",
      "//gitlab.example.com",
      true,
    ],
    ["http://localhost:4999", "http://localhost:4999/api/v4", "//localhost:4999", false],
    [
      "https://example.org:8443/gitlab/",
      "https://example.org:8443/gitlab/api/v4",
      "//example.org:8443/gitlab",
      false,
    ],
    [
      "https://example.org/gitlab",
      "https://example.org/gitlab/api/v4",
      "//example.org/gitlab",
      false,
    ],
  ])("%s", (url, api, nerf, plain) => {
    const u = instanceUrls(url);
    expect(u.api).toBe(api);
    expect(u.nerfDart).toBe(nerf);
    expect(u.plainHttps).toBe(plain);
  });

  it("puts credentials before host and port, after the scheme", () => {
    expect(instanceUrls("http://localhost:4999").withCredentials("u", "${T}")).toBe(
      "http://u:${T}@localhost:4999",
    );
  });

  it("encodes what userinfo may not hold and keeps references", () => {
    expect(userinfo("gitlab+deploy-token-7")).toBe("gitlab+deploy-token-7");
    expect(userinfo("a@b")).toBe("a%40b");
    expect(userinfo("${DEPLOY_TOKEN_USERNAME}")).toBe("${DEPLOY_TOKEN_USERNAME}");
  });

  it("writes .npmrc auth lines for an http instance with a port, and CI lines without CI_SERVER_HOST", () => {
    const snippets = renderNpm({
      instanceUrl: "http://localhost:4999",
      scope: { kind: "project", id: 4 },
      credential: credentialFor("job-token"),
      packageName: "@platon/web-app",
    });
    expect(snippets.find((s) => s.id === "npm-npmrc-project")!.content).toBe(
      "# .npmrc\n@platon:registry=http://localhost:4999/api/v4/projects/4/packages/npm/\n//localhost:4999/api/v4/projects/4/packages/npm/:_authToken=${CI_JOB_TOKEN}",
    );
    const ci = snippets.find((s) => s.id === "npm-gitlab-ci")!.content;
    expect(ci).not.toContain("CI_SERVER_HOST");
    expect(ci).toContain(
      'echo "//localhost:4999/api/v4/projects/4/packages/npm/:_authToken=${CI_JOB_TOKEN}" >> .npmrc',
    );
  });
});
