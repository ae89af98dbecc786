// Group entity (facts §4.5).
import type { Runtime } from "../state/runtime";
import type { Group } from "../state/types";

export function groupEntity(rt: Runtime, g: Group) {
  const chain = rt.store.ancestors(g.id).reverse();
  return {
    id: g.id,
    web_url: `${rt.publicUrl}/groups/${g.fullPath}`,
    name: g.name,
    path: g.path,
    description: g.description,
    visibility: g.visibility,
    share_with_group_lock: false,
    require_two_factor_authentication: false,
    two_factor_grace_period: 48,
    project_creation_level: "developer",
    auto_devops_enabled: null,
    subgroup_creation_level: "maintainer",
    emails_disabled: false,
    emails_enabled: true,
    mentions_disabled: null,
    lfs_enabled: true,
    default_branch: null,
    default_branch_protection: 2,
    avatar_url: null,
    request_access_enabled: true,
    full_name: chain.map((a) => a.name).join(" / "),
    full_path: g.fullPath,
    created_at: new Date(g.createdAt).toISOString(),
    parent_id: g.parentId,
    organization_id: 1,
    shared_runners_setting: "enabled",
    ldap_cn: null,
    ldap_access: null,
    marked_for_deletion_on: null,
  };
}
