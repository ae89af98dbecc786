// User entities: basic (members, pipelines), public (/users/:id) and the current user (/user).
import type { Runtime } from "../state/runtime";
import type { User } from "../state/types";

const iso = (ms: number) => new Date(ms).toISOString();

export function userBasic(rt: Runtime, u: User) {
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    state: "active",
    locked: false,
    avatar_url: `${rt.publicUrl}/uploads/-/system/user/avatar/${u.id}/avatar.png`,
    web_url: `${rt.publicUrl}/${u.username}`,
  };
}

export function userPublic(rt: Runtime, u: User) {
  return {
    ...userBasic(rt, u),
    created_at: iso(u.createdAt),
    bio: "",
    location: "",
    public_email: null,
    linkedin: "",
    twitter: "",
    website_url: "",
    organization: "Platon",
    job_title: "",
    pronouns: null,
    bot: false,
    work_information: null,
    local_time: null,
  };
}

export function currentUser(rt: Runtime, u: User) {
  return {
    ...userPublic(rt, u),
    last_sign_in_at: iso(rt.store.now - 86_400_000),
    confirmed_at: iso(u.createdAt),
    last_activity_on: iso(rt.store.now).slice(0, 10),
    email: u.email,
    theme_id: 1,
    color_scheme_id: 1,
    projects_limit: 100000,
    current_sign_in_at: iso(rt.store.now),
    identities: [],
    can_create_group: !u.external,
    can_create_project: !u.external,
    two_factor_enabled: false,
    external: u.external,
    private_profile: false,
    commit_email: u.email,
    ...(u.isAdmin ? { is_admin: true } : {}),
  };
}
