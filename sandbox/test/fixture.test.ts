import { describe, expect, it } from "vitest";
import { filesOf } from "../src/fixture/files";
import { Store } from "../src/state/store";

const DAY = 86_400_000;

describe("fixture", () => {
  it("is deterministic: same ids, names, versions and relative dates for any start time", () => {
    const a = new Store({ now: Date.UTC(2026, 0, 1) });
    const b = new Store({ now: Date.UTC(2027, 5, 15, 13, 7) });
    const view = (s: Store) =>
      [...s.packages.values()].map((p) => [
        p.id,
        p.projectId,
        p.name,
        p.version,
        p.status,
        s.now - p.createdAt,
      ]);
    expect(view(a)).toEqual(view(b));
    expect(a.packages.size).toBeGreaterThanOrEqual(150);
    expect(a.packages.size).toBeLessThanOrEqual(300);
  });

  it("covers all five types, prereleases, snapshots, versionless and special statuses", () => {
    const s = new Store();
    const all = [...s.packages.values()];
    expect(new Set(all.map((p) => p.type))).toEqual(
      new Set(["npm", "pypi", "maven", "nuget", "generic"]),
    );
    const versions = new Set(all.map((p) => p.version));
    for (const v of ["1.2.0-beta.1", "2.0.0rc1", "1.0.0-SNAPSHOT"]) expect(versions).toContain(v);
    expect(all.some((p) => p.version === null && p.type === "maven")).toBe(true);
    for (const st of ["hidden", "error", "deprecated", "processing"])
      expect(all.some((p) => p.status === st)).toBe(true);
    expect(all.some((p) => p.lastDownloadedAt === null)).toBe(true);
    expect(all.every((p) => p.createdAt > s.now - 731 * DAY && p.createdAt < s.now)).toBe(true);
    expect(all.every((p) => p.name.startsWith("@platon/") || p.type !== "npm")).toBe(true);
    const whl = all.find((p) => p.type === "pypi")!;
    expect(filesOf(whl).map((f) => f.fileName.split(".").pop())).toEqual(["whl", "gz"]);
  });

  it("SANDBOX_PACKAGES=N yields exactly N versions with the base fixture intact", () => {
    const base = new Store();
    const big = new Store({ packages: 5000 });
    expect(big.packages.size).toBe(5000);
    for (const p of base.packages.values()) expect(big.packages.get(p.id)?.name).toBe(p.name);
    expect(big.users.map((u) => u.username)).toEqual(base.users.map((u) => u.username));
  });
});
