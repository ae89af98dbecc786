import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("runs against the sandbox with zero configuration", () => {
    const e = parseEnv({});
    expect(e.usingSandbox).toBe(true);
    expect(e.gitlabUrl).toBe("http://localhost:4999");
    expect(e.oauthClientId).toBe("portal-local");
    expect(e.nextAuthUrl).toBe("http://localhost:3000");
  });

  it("against a real GitLab names every missing credential", () => {
    expect(() => parseEnv({ GITLAB_URL: "https://gitlab.example.com" })).toThrowError(EnvError);
    try {
      parseEnv({ GITLAB_URL: "https://gitlab.example.com" });
    } catch (e) {
      const msg = (e as Error).message;
      for (const key of [
        "GITLAB_OAUTH_CLIENT_ID",
        "GITLAB_OAUTH_CLIENT_SECRET",
        "GITLAB_SERVICE_TOKEN",
        "NEXTAUTH_SECRET",
        "CRON_SECRET",
      ]) {
        expect(msg).toContain(key);
      }
    }
  });

  it("sizes the database pool from the cores, capped, unless told", () => {
    expect(parseEnv({}, 1).databasePoolMax).toBe(3);
    expect(parseEnv({}, 2).databasePoolMax).toBe(5);
    expect(parseEnv({}, 16).databasePoolMax).toBe(10);
    expect(parseEnv({ DATABASE_POOL_MAX: "24" }, 2).databasePoolMax).toBe(24);
    // Workers on one host (scripts/serve.mjs) share its budget: 2 × 3 on 2 cores.
    expect(parseEnv({ PORTAL_WORKERS: "2" }, 2).databasePoolMax).toBe(3);
    expect(parseEnv({ PORTAL_WORKERS: "4" }, 16).databasePoolMax).toBe(3);
    expect(parseEnv({ PORTAL_WORKERS: "8" }, 1).databasePoolMax).toBe(2);
    expect(parseEnv({ PORTAL_WORKERS: "2", DATABASE_POOL_MAX: "7" }, 2).databasePoolMax).toBe(7);
    expect(() => parseEnv({ DATABASE_POOL_MAX: "1" })).toThrowError(/DATABASE_POOL_MAX/);
    expect(() => parseEnv({ DATABASE_POOL_MAX: "many" })).toThrowError(/DATABASE_POOL_MAX/);
  });

  it("rejects malformed values with what it expects", () => {
    expect(() => parseEnv({ GITLAB_URL: "gitlab.example.com" })).toThrowError(
      /GITLAB_URL must be an absolute URL/,
    );
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrowError(/postgres:\/\//);
    expect(() => parseEnv({ NEXTAUTH_SECRET: "short" })).toThrowError(/at least 32 characters/);
    expect(() => parseEnv({ PORT: "http" })).toThrowError(/PORT/);
  });

  it("strips trailing slashes and splits sync groups", () => {
    const e = parseEnv({
      GITLAB_URL: "https://g.example.com/",
      GITLAB_OAUTH_CLIENT_ID: "a",
      GITLAB_OAUTH_CLIENT_SECRET: "b",
      GITLAB_SERVICE_TOKEN: "c",
      NEXTAUTH_SECRET: "x".repeat(32),
      CRON_SECRET: "y".repeat(16),
      GITLAB_SYNC_GROUPS: "platon, shared,,",
    });
    expect(e.gitlabUrl).toBe("https://g.example.com");
    expect(e.syncGroups).toEqual(["platon", "shared"]);
    expect(e.usingSandbox).toBe(false);
  });
});
