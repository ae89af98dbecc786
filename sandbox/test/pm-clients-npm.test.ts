// The real npm against the sandbox: publish, install from the project and the group endpoint,
// a read-only deploy token refused, an anonymous install from a private registry refused.
// Nothing leaves localhost: every registry URL points at the sandbox.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { api, PAT } from "./helpers";
import { base, clientsSandboxPerFile, dir, run, sb, tool } from "./pm-clients-kit";

clientsSandboxPerFile();

// npm -----------------------------------------------------------------------------------------

function npmrc(d: string, registry: string, token: string | null) {
  const authPath = registry.replace(/^http:/, "");
  const lines = [
    `registry=${registry}`,
    `@platon:registry=${registry}`,
    "audit=false",
    "fund=false",
    "update-notifier=false",
    ...(token ? [`${authPath}:_authToken=${token}`] : []),
  ];
  writeFileSync(path.join(d, ".npmrc"), `${lines.join("\n")}\n`);
}

function npm(d: string, args: string[]) {
  return run(tool("npm", "/usr/bin/npm"), [...args, "--userconfig", path.join(d, ".npmrc")], {
    cwd: d,
    env: { npm_config_cache: path.join(d, ".cache") },
  });
}

const projectNpm = (id: number) => `${base}/projects/${id}/packages/npm/`;

describe.concurrent("real clients: npm", () => {
  it(
    "npm publish, then npm install from the project and the group endpoint",
    { timeout: 120_000 },
    async () => {
      const pub = dir("npm-pub");
      npmrc(pub, projectNpm(5), PAT("developer"));
      writeFileSync(
        path.join(pub, "package.json"),
        JSON.stringify({ name: "@platon/client-proof", version: "1.4.0", main: "index.js" }),
      );
      writeFileSync(path.join(pub, "index.js"), "module.exports = 'proof';\n");
      const published = await npm(pub, ["publish"]);
      expect(published.code, published.out).toBe(0);
      const again = await npm(pub, ["publish"]);
      expect(again.code).not.toBe(0);
      expect(again.out).toMatch(/403|cannot publish over/i);

      const [fromProject, fromGroup] = await Promise.all(
        [projectNpm(5), `${base}/groups/platon/-/packages/npm/`].map(async (registry, i) => {
          const app = dir(`npm-app-${i}`);
          npmrc(app, registry, PAT("reporter"));
          writeFileSync(
            path.join(app, "package.json"),
            JSON.stringify({ name: "app", version: "1.0.0" }),
          );
          const r = await npm(app, [
            "install",
            "@platon/client-proof@1.4.0",
            "@platon/design-tokens",
          ]);
          return { app, r };
        }),
      );
      for (const { app, r } of [fromProject, fromGroup]) {
        expect(r.code, r.out).toBe(0);
        const installed = JSON.parse(
          readFileSync(path.join(app, "node_modules/@platon/client-proof/package.json"), "utf8"),
        );
        expect(installed.version).toBe("1.4.0");
        expect(existsSync(path.join(app, "node_modules/@platon/design-tokens/package.json"))).toBe(
          true,
        );
      }
    },
  );

  it(
    "npm: a read-only deploy token cannot publish; anonymous install from a private registry fails",
    { timeout: 120_000 },
    async () => {
      const created = await api(sb, "/projects/5/deploy_tokens", {
        method: "POST",
        as: "owner",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "read-only", scopes: ["read_package_registry"] }),
      });
      const pub = dir("npm-ro");
      npmrc(pub, projectNpm(5), created.body.token);
      writeFileSync(
        path.join(pub, "package.json"),
        JSON.stringify({ name: "@platon/read-only-proof", version: "1.0.0" }),
      );
      const refused = await npm(pub, ["publish"]);
      expect(refused.code).not.toBe(0);
      expect(refused.out).toMatch(/E403|403 Forbidden/);

      const anon = dir("npm-anon");
      npmrc(anon, projectNpm(5), null);
      writeFileSync(
        path.join(anon, "package.json"),
        JSON.stringify({ name: "app", version: "1.0.0" }),
      );
      const denied = await npm(anon, ["install", "@platon/design-tokens"]);
      expect(denied.code).not.toBe(0);
      expect(denied.out).toMatch(/E401|401 Unauthorized/);
    },
  );
});
