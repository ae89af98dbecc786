import fc from "fast-check";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { policyInputSchema } from "@/lib/validations/retention";
import { compareVersions, sortVersionsDesc } from "@/lib/versions";
import { createPlanner, isCandidate, planRetention } from "./planner";
import type { CatalogVersion, PlannerPolicy } from "./types";

// Properties the planner must hold for any catalog and any policy.

const NOW = new Date("2026-06-01T00:00:00Z");
const DAY = 86_400_000;

const versionArb = fc.oneof(
  fc
    .tuple(fc.nat(3), fc.nat(12), fc.nat(5), fc.constantFrom("", "-rc.1", "-beta.2", "-alpha"))
    .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre}`),
  fc.constantFrom("nightly", "latest", "1.0-SNAPSHOT"),
);

const rowsArb = fc
  .array(
    fc.record({
      projectId: fc.constantFrom(1, 2, 3),
      name: fc.constantFrom("a", "b", "@s/c"),
      version: versionArb,
      packageType: fc.constantFrom("npm", "pypi", "maven"),
      status: fc.constantFrom("default", "default", "default", "hidden", "pending_destruction"),
      age: fc.nat(900),
      dl: fc.option(fc.nat(900)),
      size: fc.option(fc.nat(10_000)),
    }),
    { maxLength: 60 },
  )
  .map((rows) =>
    rows.map((r, i): CatalogVersion => ({
      packageId: i + 1,
      projectId: r.projectId,
      groupPathIds: r.projectId === 3 ? [20] : [10, 10 + r.projectId],
      name: r.name,
      version: r.version,
      packageType: r.packageType,
      status: r.status,
      createdAt: new Date(NOW.getTime() - r.age * DAY - i),
      lastDownloadedAt: r.dl === null ? null : new Date(NOW.getTime() - r.dl * DAY),
      sizeBytes: r.size,
    })),
  );

const policyArb = fc
  .record({
    scope: fc.constantFrom(
      { type: "group" as const, id: 10 },
      { type: "group" as const, id: 11 },
      { type: "project" as const, id: 3 },
    ),
    package_types: fc.subarray(["npm", "pypi", "maven"] as const),
    name_pattern: fc.constantFrom(null, "a", "@s/*", "*"),
    version_pattern: fc.constantFrom(null, "1.*", "*-rc*"),
    prerelease_only: fc.boolean(),
    keep_latest: fc.option(fc.integer({ min: 1, max: 4 })),
    older_than_days: fc.option(fc.integer({ min: 1, max: 700 })),
    not_downloaded_days: fc.option(fc.integer({ min: 1, max: 700 })),
    protect_pattern: fc.constantFrom(null, "2.*", "*-beta*"),
    keep_newest: fc.boolean(),
  })
  .filter(
    (p) => p.keep_latest !== null || p.older_than_days !== null || p.not_downloaded_days !== null,
  )
  .map((p) => policyInputSchema.parse({ name: "p", ...p }) as PlannerPolicy);

const key = (r: { project_id: number; package_type: string; name: string }) =>
  `${r.project_id}|${r.package_type}|${r.name}`;

describe("planner properties", () => {
  it("never deletes a protected version", () => {
    fc.assert(
      fc.property(rowsArb, policyArb, (rows, policy) => {
        const plan = planRetention(rows, policy, NOW);
        for (const d of plan.delete) {
          if (policy.protect_pattern)
            expect(picomatch.isMatch(d.version ?? "", policy.protect_pattern, { dot: true })).toBe(
              false,
            );
          if (policy.keep_newest) {
            const siblings = rows.filter(
              (r) =>
                key({ project_id: r.projectId, package_type: r.packageType, name: r.name }) ===
                  key(d) && !["pending_destruction", "processing"].includes(r.status),
            );
            const higherOrEqual = siblings.filter(
              (r) => compareVersions(d.package_type, r.version, d.version) >= 0,
            );
            // Something else of the package is at least as high: d is not the newest.
            expect(higherOrEqual.length).toBeGreaterThan(1);
          }
        }
      }),
    );
  });

  it("keep_latest keeps exactly the N highest candidates per package (no other rule)", () => {
    fc.assert(
      fc.property(rowsArb, policyArb, (rows, p) => {
        const policy = {
          ...p,
          older_than_days: null,
          not_downloaded_days: null,
          protect_pattern: null,
          keep_newest: false,
          keep_latest: p.keep_latest ?? 2,
        };
        const plan = planRetention(rows, policy, NOW);
        const kept = new Map<string, number>();
        const total = new Map<string, number>();
        for (const k of plan.keep) kept.set(key(k), (kept.get(key(k)) ?? 0) + 1);
        for (const r of [...plan.keep, ...plan.delete])
          total.set(key(r), (total.get(key(r)) ?? 0) + 1);
        for (const [k, n] of total) expect(kept.get(k) ?? 0).toBe(Math.min(n, policy.keep_latest));
        // and every kept one is at least as high as every deleted one of its package
        for (const d of plan.delete)
          for (const k of plan.keep.filter((x) => key(x) === key(d)))
            expect(compareVersions(d.package_type, k.version, d.version)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("lists nothing outside scope and filters, and every candidate exactly once", () => {
    fc.assert(
      fc.property(rowsArb, policyArb, (rows, policy) => {
        const plan = planRetention(rows, policy, NOW);
        const listed = [...plan.delete, ...plan.keep]
          .map((x) => x.package_id)
          .sort((a, b) => a - b);
        const expected = rows
          .filter((r) => isCandidate(r, policy))
          .map((r) => r.packageId)
          .sort((a, b) => a - b);
        expect(listed).toEqual(expected);
        for (const id of listed) {
          const row = rows.find((r) => r.packageId === id)!;
          if (policy.scope.type === "project") expect(row.projectId).toBe(policy.scope.id);
          else expect(row.groupPathIds).toContain(policy.scope.id);
          if (policy.package_types.length) expect(policy.package_types).toContain(row.packageType);
        }
      }),
    );
  });

  it("same input (in any order) gives the same plan", () => {
    fc.assert(
      fc.property(rowsArb, policyArb, fc.nat(), (rows, policy, seed) => {
        const shuffled = [...rows].sort(
          (a, b) => ((a.packageId * 7919 + seed) % 101) - ((b.packageId * 7919 + seed) % 101),
        );
        expect(planRetention(shuffled, policy, NOW)).toEqual(planRetention(rows, policy, NOW));
      }),
    );
  });

  it("ranks from the mirror (as the sync computes them) give the same plan as ordering here", () => {
    fc.assert(
      fc.property(rowsArb, policyArb, (rows, policy) => {
        // Rank each series the way lib/sync/ranks does: 1 = lowest, by the ecosystem's order.
        const series = new Map<string, CatalogVersion[]>();
        for (const r of rows) {
          const k = `${r.projectId}|${r.packageType}|${r.name}`;
          series.set(k, [...(series.get(k) ?? []), r]);
        }
        const ranked: CatalogVersion[] = [];
        for (const list of series.values()) {
          const desc = sortVersionsDesc(
            list[0].packageType,
            [...list].sort((a, b) => a.packageId - b.packageId),
            (r) => r.version,
            (r) => r.createdAt,
          );
          desc.forEach((r, i) => ranked.push({ ...r, versionRank: desc.length - i }));
        }
        expect(planRetention(ranked, policy, NOW)).toEqual(planRetention(rows, policy, NOW));
      }),
    );
  });

  it("one package at a time (createPlanner), in any package order, gives the same plan", () => {
    fc.assert(
      fc.property(rowsArb, policyArb, fc.nat(), (rows, policy, seed) => {
        const series = new Map<string, CatalogVersion[]>();
        for (const r of rows) {
          const k = `${r.projectId}|${r.packageType}|${r.name}`;
          series.set(k, [...(series.get(k) ?? []), r]);
        }
        const planner = createPlanner(policy, NOW);
        const lists = [...series.values()].sort(
          (a, b) => ((a[0].packageId * 7919 + seed) % 101) - ((b[0].packageId * 7919 + seed) % 101),
        );
        for (const list of lists) planner.addSeries(list);
        expect(planner.finish()).toEqual(planRetention(rows, policy, NOW));
      }),
    );
  });
});

describe("createPlanner", () => {
  const row = (o: Partial<CatalogVersion>): CatalogVersion => ({
    packageId: 1,
    projectId: 1,
    groupPathIds: [10],
    name: "a",
    version: "1.0.0",
    packageType: "npm",
    status: "default",
    createdAt: NOW,
    lastDownloadedAt: null,
    sizeBytes: 1,
    ...o,
  });
  const policy = policyInputSchema.parse({
    name: "p",
    scope: { type: "group", id: 10 },
    keep_latest: 1,
  }) as PlannerPolicy;

  it("refuses rows of two packages in one call, and a package given twice", () => {
    const planner = createPlanner(policy, NOW);
    expect(() => planner.addSeries([row({}), row({ packageId: 2, name: "b" })])).toThrow(
      /more than one package/,
    );
    planner.addSeries([row({ packageId: 3 })]);
    expect(() => planner.addSeries([row({ packageId: 4 })])).toThrow(/given twice/);
  });
});
