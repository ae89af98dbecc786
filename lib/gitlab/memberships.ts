import type { GitlabApi } from "./client";
import { gitlabRelease, memberAccessLevels } from "./version";

// GitLab has no endpoint that lists "my effective role in every project". Filtering by
// min_access_level does account for inherited and shared access, so asking once per role
// level and keeping the highest level each id appears at gives the effective role.
// The levels asked follow the release: before 17.7 there is no Planner (15) and GitLab answers
// 400 to it. Nobody gains or loses access by that: a release without Planner has no Planner
// members, and Planner grants nothing on packages beyond Guest (lib/permissions.ts: reading
// needs Reporter 20, or Guest-level membership of an internal project, which 10 still finds).

export type Memberships = {
  projects: Map<number, number>;
  groups: Map<number, number>;
};

export async function listMemberships(api: GitlabApi): Promise<Memberships> {
  const projects = new Map<number, number>();
  const groups = new Map<number, number>();
  // allSettled, not all: on a failure no request is left running (and retrying) behind us.
  const levels = memberAccessLevels(await gitlabRelease(api));
  const results = await Promise.allSettled(
    levels.flatMap((level) => [
      api.Projects.all({
        membership: true,
        minAccessLevel: level,
        simple: true,
        perPage: 100,
      } as never).then((rows) => {
        for (const p of rows as Array<{ id: number }>) {
          projects.set(p.id, Math.max(projects.get(p.id) ?? 0, level));
        }
      }),
      api.Groups.all({ minAccessLevel: level, perPage: 100 } as never).then((rows) => {
        for (const g of rows as Array<{ id: number }>) {
          groups.set(g.id, Math.max(groups.get(g.id) ?? 0, level));
        }
      }),
    ]),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return { projects, groups };
}
