import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db";
import { refreshAllSeries as refreshSeries } from "@/db/queries/package-series";
import { actAs, resetSandbox, seedMirror } from "@/lib/testing/delete-kit";
import { attemptPackageDelete } from "./delete";

// The folded "Packages" view reads package_series; a portal delete must update it at once,
// not at the next sync.

async function seriesOf(projectId: number, name: string) {
  const [row] = await getSql()`
    select latest_id, version_count from package_series where project_id = ${projectId} and name = ${name}`;
  return row as { latest_id: number; version_count: number } | undefined;
}

describe("delete keeps the folded view current", () => {
  beforeAll(async () => {
    await resetSandbox();
    await seedMirror();
    await refreshSeries();
  });

  it("deleting the latest version moves 'latest' and lowers the count", async () => {
    const [pkg] = await getSql()`
      select p.id, p.name, p.project_id from packages p join package_series s on s.latest_id = p.id
      where p.project_id = 2 and s.version_count > 1 limit 1`;
    const before = (await seriesOf(pkg.project_id, pkg.name))!;
    const result = await attemptPackageDelete({
      identity: await actAs("maintainer"),
      packageId: pkg.id,
      via: "api",
    });
    expect(result.status).toBe("deleted");
    const after = (await seriesOf(pkg.project_id, pkg.name))!;
    expect(after.version_count).toBe(before.version_count - 1);
    expect(after.latest_id).not.toBe(pkg.id);
  });
});
