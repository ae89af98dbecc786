// Project and namespace entities (facts §4.2–4.3).
import { directMembership, groupMembership } from "../state/access";
import type { Caller } from "../state/access";
import type { Runtime } from "../state/runtime";
import type { Group, Project } from "../state/types";

const iso = (ms: number) => new Date(ms).toISOString();

export function namespaceOf(rt: Runtime, g: Group) {
  return {
    id: g.id,
    name: g.name,
    path: g.path,
    kind: "group",
    full_path: g.fullPath,
    parent_id: g.parentId,
    avatar_url: null,
    web_url: `${rt.publicUrl}/groups/${g.fullPath}`,
  };
}

export function projectSimple(rt: Runtime, p: Project) {
  const group = rt.store.groupsById.get(p.groupId)!;
  const fullName = rt.store
    .ancestors(group.id)
    .reverse()
    .map((g) => g.name)
    .concat(p.name)
    .join(" / ");
  return {
    id: p.id,
    description: p.description,
    name: p.name,
    name_with_namespace: fullName,
    path: p.path,
    path_with_namespace: p.pathWithNamespace,
    created_at: iso(p.createdAt),
    default_branch: "main",
    tag_list: [],
    topics: [],
    ssh_url_to_repo: `git@sandbox.local:${p.pathWithNamespace}.git`,
    http_url_to_repo: `${rt.publicUrl}/${p.pathWithNamespace}.git`,
    web_url: `${rt.publicUrl}/${p.pathWithNamespace}`,
    readme_url: `${rt.publicUrl}/${p.pathWithNamespace}/-/blob/main/README.md`,
    forks_count: 0,
    avatar_url: null,
    star_count: 0,
    last_activity_at: iso(rt.store.now - 3_600_000 * (p.id % 48)),
    namespace: namespaceOf(rt, group),
  };
}

/** Full project; `single` = GET /projects/:id (group_access then covers ancestors). */
export function projectFull(rt: Runtime, p: Project, caller: Caller, single: boolean) {
  const access = (level: number | undefined) =>
    level ? { access_level: level, notification_level: 3 } : null;
  const userId = caller.user?.id ?? 0;
  const direct = directMembership(rt.store, userId, "project", p.id);
  const groupAccess = single
    ? groupMembership(rt.store, userId, p.groupId)
    : directMembership(rt.store, userId, "group", p.groupId);
  return {
    ...projectSimple(rt, p),
    visibility: p.visibility,
    archived: false,
    empty_repo: false,
    container_registry_enabled: false,
    packages_enabled: p.registry !== "disabled",
    // Exposed from 17.10 (MR 170122); older releases only have packages_enabled.
    ...(rt.features.registryAccessLevelApi ? { package_registry_access_level: p.registry } : {}),
    issues_enabled: true,
    repository_access_level: p.repository ?? "enabled",
    creator_id: 1,
    open_issues_count: 0,
    _links: {
      self: `${rt.publicUrl}/api/v4/projects/${p.id}`,
      members: `${rt.publicUrl}/api/v4/projects/${p.id}/members`,
    },
    permissions: {
      project_access: access(direct?.accessLevel),
      group_access: access(groupAccess?.accessLevel),
    },
  };
}
