import pLimit from "p-limit";
import { liveRoleLookup } from "./authorize";
import { attemptPackageDelete, type Actor } from "./delete";
import { summarizeResults, type DeleteSummary } from "./results";

// GitLab's own UI stops at a page of 20; here any validated list (1–500 ids) is worked through
// with a few deletes in flight at a time so GitLab is not flooded, and one item's failure
// never stops the rest.

export const BULK_CONCURRENCY = 4;

export async function bulkDeletePackages({
  identity,
  ids,
  via = "bulk",
  concurrency = BULK_CONCURRENCY,
}: {
  identity: Actor;
  ids: number[];
  via?: "bulk";
  concurrency?: number;
}): Promise<DeleteSummary> {
  const limit = pLimit(concurrency);
  const lookup = liveRoleLookup(identity.gitlab, identity.user.id);
  const unique = [...new Set(ids)];
  const results = await Promise.all(
    unique.map((packageId) =>
      limit(() => attemptPackageDelete({ identity, packageId, via, lookup })),
    ),
  );
  return summarizeResults(results);
}
