import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, getSql } from "@/db";
import { resetSandbox, seedMirror } from "@/lib/testing/delete-kit";
import { epochMs, forEachRetentionSeries } from "@/db/queries/retention-candidates";

// A pool of two connections, so that "the same connections" can be checked (set before
// lib/env.ts first reads the environment: each test file has its own modules).
vi.stubEnv("DATABASE_POOL_MAX", "2");

const GROUP_101 = {
  scope: { type: "group" as const, id: 101 },
  packageTypes: [],
  skipStatuses: [],
  nameLike: null,
  versionLike: null,
  keepHighest: false,
  withFiles: false,
};

// The planner's input carries each version's dates as milliseconds computed in float8
// arithmetic (epochMs): they must be exactly what the database holds, or a version could land
// on the wrong side of an "older than N days" boundary.

afterAll(() => closeDb());

describe("retention candidates' dates", () => {
  beforeAll(async () => {
    await resetSandbox();
    await seedMirror();
  });

  it("are the exact floor of the stored timestamps, to the millisecond and to the microsecond", async () => {
    const sql = getSql();
    // Every day of the century at a millisecond and at a microsecond time of day, and the
    // instants either side of whole milliseconds, where a float error would show.
    const [r] = await sql<{ n: number; wrong: number }[]>`
      with t as (
        select timestamptz '2000-01-01' + d * interval '1 day' + s * interval '1 microsecond' as ts
        from generate_series(0, 36524) d,
          unnest(array[0, 1, 999, 1000, 1001, 123000, 123456, 59999999,
            86399999000, 86399999999]::int8[]) s)
      select count(*)::int as n, count(*) filter (where
        ${sql.unsafe(epochMs("ts"))} <> floor(extract(epoch from ts) * 1000)::int8)::int as wrong
      from t`;
    expect(r.n).toBe(36525 * 10);
    expect(r.wrong).toBe(0);
  });

  it("reach the planner as the catalog's own created and downloaded dates", async () => {
    // The reference: the stored timestamps floored in exact (numeric) arithmetic.
    const stored = new Map<number, [number, number | null]>();
    for (const row of await getSql()<
      { id: string; created: string; downloaded: string | null }[]
    >`select id, floor(extract(epoch from created_at) * 1000)::int8::text as created,
        floor(extract(epoch from last_downloaded_at) * 1000)::int8::text as downloaded
      from packages`)
      stored.set(Number(row.id), [
        Number(row.created),
        row.downloaded === null ? null : Number(row.downloaded),
      ]);
    const seen: Array<[number, number, number | null]> = [];
    await forEachRetentionSeries(GROUP_101, (rows) => {
      for (const v of rows)
        seen.push([v.packageId, v.createdAt.getTime(), v.lastDownloadedAt?.getTime() ?? null]);
    });
    expect(seen.length).toBeGreaterThan(50);
    expect(seen.some(([, , dl]) => dl !== null)).toBe(true);
    for (const [id, created, downloaded] of seen)
      expect([id, created, downloaded]).toEqual([id, ...stored.get(id)!]);
  });

  it("a planner's error ends the stream with that error, and the connection serves on", async () => {
    const sql = getSql();
    // Both pooled connections' server processes (two statements at once take both).
    const pids = async () => {
      const one = () => sql<{ pid: number }[]>`select pg_backend_pid() as pid, pg_sleep(0.05)`;
      const rows = await Promise.all([one(), one()]);
      return rows.map(([r]) => r.pid).sort();
    };
    const before = await pids();
    expect(new Set(before).size).toBe(2);
    const broken = new Error("the planner refused a package");
    let calls = 0;
    const err = await forEachRetentionSeries(GROUP_101, () => {
      calls++;
      if (calls === 2) throw broken;
    }).catch((e: unknown) => e);
    expect(err).toBe(broken);
    // The rest of the rows were read past, not handed to the planner.
    expect(calls).toBe(2);
    // No pooled connection was dropped over it.
    expect(await pids()).toEqual(before);
    let series = 0;
    await forEachRetentionSeries(GROUP_101, () => void series++);
    expect(series).toBeGreaterThan(10);
  });
});
