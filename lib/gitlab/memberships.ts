import type { GitlabApi } from "./client";

// GitLab has no endpoint that lists "my effective role in every project". Filtering by
// min_access_level does account for inherited and shared access, so asking once per role
// level and keeping the highest level each id appears at gives the effective role.

export const ACCESS_LEVELS = [10, 15, 20, 30, 40, 50] as const;

export type Memberships = {
  projects: Map<number, number>;
  groups: Map<number, number>;
};

export async function listMemberships(api: GitlabApi): Promise<Memberships> {
  const projects = new Map<number, number>();
  const groups = new Map<number, number>();
  // allSettled, not all: on a failure no request is left running (and retrying) behind us.
  const results = await Promise.allSettled(
    ACCESS_LEVELS.flatMap((level) => [
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
