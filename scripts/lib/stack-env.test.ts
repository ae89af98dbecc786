import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mergeGenerated, unreachableMessage, unreachableParent } from "./stack-env";

describe("mergeGenerated", () => {
  const generated = { NEXTAUTH_SECRET: "gen-nextauth", CRON_SECRET: "gen-cron" };

  it("keeps a lone CRON_SECRET from the environment and generates the other", () => {
    expect(mergeGenerated(generated, { CRON_SECRET: "mine" })).toEqual({
      NEXTAUTH_SECRET: "gen-nextauth",
      CRON_SECRET: "mine",
    });
  });

  it("keeps a lone NEXTAUTH_SECRET, both, or neither", () => {
    expect(mergeGenerated(generated, { NEXTAUTH_SECRET: "n" }).NEXTAUTH_SECRET).toBe("n");
    expect(mergeGenerated(generated, { NEXTAUTH_SECRET: "n", CRON_SECRET: "c" })).toEqual({
      NEXTAUTH_SECRET: "n",
      CRON_SECRET: "c",
    });
    expect(mergeGenerated(generated, {})).toEqual(generated);
  });

  it("treats an empty variable as unset", () => {
    expect(mergeGenerated(generated, { CRON_SECRET: "" }).CRON_SECRET).toBe("gen-cron");
  });
});

describe("unreachableParent", () => {
  const base = mkdtempSync(path.join(os.tmpdir(), "portal-perm-"));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const postgres = { uid: 101, gids: [104] };

  it("finds a 0700 parent the postgres user cannot enter, and the message names it and the fix", () => {
    const home = path.join(base, "home");
    mkdirSync(path.join(home, "clone"), { recursive: true, mode: 0o700 });
    chmodSync(base, 0o755);
    chmodSync(home, 0o700);
    const dataDir = path.join(home, "clone", ".data", "postgres");
    const blocked = unreachableParent(dataDir, postgres);
    expect(blocked).toEqual({ path: home, mode: "0700" });
    const message = unreachableMessage(dataDir, blocked!);
    expect(message).toContain(dataDir);
    expect(message).toContain(`${home} is mode 0700`);
    expect(message).toMatch(/chmod o\+x/);
    expect(message).toMatch(/DATABASE_URL/);
  });

  it("passes a path every parent of which the user may traverse", () => {
    const open = path.join(base, "open");
    mkdirSync(path.join(open, "clone"), { recursive: true });
    chmodSync(base, 0o755);
    chmodSync(open, 0o755);
    chmodSync(path.join(open, "clone"), 0o755);
    expect(unreachableParent(path.join(open, "clone", ".data", "postgres"), postgres)).toBeNull();
  });
});
