// The guide's two role tables (seed/package-registry-guide.txt, "Roles and Permissions") as data.
// This is the only place the UI and the handlers ask "may this role do X"; GitLab re-checks anyway.
//
// How the guide's tables were read: its rendering drops the empty cells, so each row's "x" marks
// belong to the highest roles (a row with three marks = Developer, Maintainer, Owner). Read that
// way, every row agrees with GitLab's own policy code (gitlab-api-facts.md §2.2, §2.10).

export const ROLE = {
  guest: 10,
  planner: 15,
  reporter: 20,
  developer: 30,
  maintainer: 40,
  owner: 50,
  admin: 60,
} as const;

/** The lowest member role that may read a private project's packages (Reporter). */
export const PACKAGE_READ_LEVEL = ROLE.reporter;

export type RoleKey = keyof typeof ROLE;
export type RoleLevel = (typeof ROLE)[RoleKey];

/** Member roles in ascending order, as the guide's table columns (admin is not a member role). */
export const MEMBER_ROLES = [
  { key: "guest", level: ROLE.guest, name: "Guest" },
  { key: "planner", level: ROLE.planner, name: "Planner" },
  { key: "reporter", level: ROLE.reporter, name: "Reporter" },
  { key: "developer", level: ROLE.developer, name: "Developer" },
  { key: "maintainer", level: ROLE.maintainer, name: "Maintainer" },
  { key: "owner", level: ROLE.owner, name: "Owner" },
] as const;

/** The highest named role at or below `level` ("No access" below Guest, "Admin" from 60). */
export function roleName(level: number): string {
  if (level >= ROLE.admin) return "Admin";
  let name = "No access";
  for (const role of MEMBER_ROLES) if (level >= role.level) name = role.name;
  return name;
}

export type PackageAction =
  | "pull"
  | "publish"
  | "delete_package"
  | "delete_package_file"
  | "manage_package_settings"
  | "manage_retention";

export type PermissionScope = "project" | "group";

export const PACKAGE_ACTIONS: readonly PackageAction[] = [
  "pull",
  "publish",
  "delete_package",
  "delete_package_file",
  "manage_package_settings",
  "manage_retention",
];

/** Row labels for rendering the tables (the guide's wording where it has the row). */
export const ACTION_LABELS: Record<PackageAction, string> = {
  pull: "Pull package",
  publish: "Publish package",
  delete_package: "Delete package",
  delete_package_file: "Delete files associated with a package",
  manage_package_settings: "Manage package settings",
  manage_retention: "Manage retention policies",
};

/**
 * Project table: minimum member level per action.
 * Guide rows: pull (all six roles — but see canReadProjectPackages: Guest/Planner only on
 * public/internal projects), publish Developer+, delete package Maintainer+, delete files
 * Maintainer+. Not in the guide: package settings and a project's retention policy are
 * Maintainer+ (editing project settings; DESIGN.md "Retention policy on a single project").
 */
export const PROJECT_PERMISSIONS: Readonly<Record<PackageAction, RoleLevel>> = {
  pull: ROLE.guest,
  publish: ROLE.developer,
  delete_package: ROLE.maintainer,
  delete_package_file: ROLE.maintainer,
  manage_package_settings: ROLE.maintainer,
  manage_retention: ROLE.maintainer,
};

/**
 * Group table: minimum *group* member level per action.
 * Guide rows: pull has four marks → Reporter+ (GitLab's group package listing shows private
 * projects' packages from Reporter up; Guests still see public/internal projects' packages),
 * publish Developer+ — into the group's projects only: a group endpoint never accepts a publish
 * ("Packages have to be published to a specific project") — delete package Maintainer+, manage
 * package settings Owner. Not in the guide: delete files follows delete package; a group's
 * retention policies are Owner (DESIGN.md).
 */
export const GROUP_PERMISSIONS: Readonly<Record<PackageAction, RoleLevel>> = {
  pull: ROLE.reporter,
  publish: ROLE.developer,
  delete_package: ROLE.maintainer,
  delete_package_file: ROLE.maintainer,
  manage_package_settings: ROLE.owner,
  manage_retention: ROLE.owner,
};

/** The rows each table in the guide has, in the guide's order (for rendering only those). */
export const GUIDE_ROWS: Readonly<Record<PermissionScope, readonly PackageAction[]>> = {
  project: ["pull", "publish", "delete_package", "delete_package_file"],
  group: ["pull", "publish", "delete_package", "manage_package_settings"],
};

export interface RoleContext {
  /** Effective (inherited or direct) access level; null = not a member. */
  level: number | null;
  isAdmin?: boolean;
}

function allowed(min: number, ctx: RoleContext): boolean {
  if (ctx.isAdmin) return true;
  return ctx.level !== null && ctx.level >= min;
}

export function canOnProject(action: PackageAction, ctx: RoleContext): boolean {
  return allowed(PROJECT_PERMISSIONS[action], ctx);
}

/** Group role check. For "publish" it means "may publish to the group's projects". */
export function canOnGroup(action: PackageAction, ctx: RoleContext): boolean {
  return allowed(GROUP_PERMISSIONS[action], ctx);
}

/** May this role store, edit and run a retention policy on a group (Owner) or project (Maintainer+)? */
export function canManageRetention(scope: PermissionScope, ctx: RoleContext): boolean {
  return scope === "group"
    ? canOnGroup("manage_retention", ctx)
    : canOnProject("manage_retention", ctx);
}

export type ProjectVisibility = "public" | "internal" | "private";
export type RegistryAccessLevel = "disabled" | "private" | "enabled" | "public";

export interface ProjectReadContext {
  visibility: ProjectVisibility;
  registryAccessLevel: RegistryAccessLevel;
  level: number | null;
  isAdmin: boolean;
  isExternal: boolean;
  signedIn: boolean;
}

/**
 * May this caller see and pull the packages of one project?
 *
 * The catalog mirrors this rule in SQL (keep the two in step):
 *   registry_access_level = 'public'
 *   OR (registry_access_level <> 'disabled' AND (
 *        is_admin
 *     OR access_level >= PACKAGE_READ_LEVEL                         -- Reporter+ member
 *     OR (registry_access_level = 'enabled' AND (
 *             visibility = 'public'
 *          OR (visibility = 'internal' AND signed_in AND NOT is_external)))))
 * with access_level NULL for non-members (NULL >= any level is not true) and anonymous callers having
 * no admin flag, no membership and signed_in = false. Registry 'disabled' wins over everything,
 * admin included: the feature is off.
 */
export function canReadProjectPackages(ctx: ProjectReadContext): boolean {
  const { registryAccessLevel, visibility } = ctx;
  if (registryAccessLevel === "disabled") return false;
  if (registryAccessLevel === "public") return true;
  const signedIn = ctx.signedIn;
  const isAdmin = signedIn && ctx.isAdmin;
  const level = signedIn ? ctx.level : null;
  if (isAdmin) return true;
  if (level !== null && level >= PACKAGE_READ_LEVEL) return true;
  if (registryAccessLevel === "private") return false; // members only, Reporter+
  if (visibility === "public") return true;
  // Internal: any signed-in non-external user (Guest/Planner members included). An external
  // user needs explicit Reporter+ membership, handled above.
  return visibility === "internal" && signedIn && !ctx.isExternal;
}

const ACTION_PHRASES: Record<PackageAction, string> = {
  pull: "pull packages",
  publish: "publish packages",
  delete_package: "delete packages",
  delete_package_file: "delete package files",
  manage_package_settings: "manage package settings",
  manage_retention: "manage retention policies",
};

const PLURAL: Record<string, string> = {
  Guest: "Guests",
  Planner: "Planners",
  Reporter: "Reporters",
  Developer: "Developers",
  Maintainer: "Maintainers",
  Owner: "Owners",
};

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** A quiet UI hint: "Maintainers and Owners can delete packages." */
export function whoCan(action: PackageAction, scope: PermissionScope): string {
  const min = (scope === "project" ? PROJECT_PERMISSIONS : GROUP_PERMISSIONS)[action];
  const names = MEMBER_ROLES.filter((r) => r.level >= min).map((r) => PLURAL[r.name]);
  const phrase = ACTION_PHRASES[action];
  let subject: string;
  if (min <= ROLE.guest) subject = "Every member (Guest and above)";
  else if (names.length === 1) subject = `Only ${names[0]}`;
  else subject = joinNames(names);
  if (scope === "group" && action === "publish") {
    return `${subject} can ${phrase} to the group's projects; packages are never published to a group itself.`;
  }
  if (scope === "project" && action === "pull") {
    return `${subject} can ${phrase}; on private projects Reporter or above is needed.`;
  }
  return `${subject} can ${phrase}.`;
}

// Registry settings (gitlab-api-facts.md §4.4, §5.1; GitLab's job_token_scope.rb and the
// namespace package-settings mutation): who may change what. GitLab enforces the same levels.
export type RegistrySettingAction =
  | "change_registry_access"
  | "view_deploy_tokens"
  | "manage_deploy_tokens"
  | "manage_job_token_allowlist"
  | "read_package_settings"
  | "manage_package_settings";

export const REGISTRY_SETTING_ROLES: Readonly<
  Record<PermissionScope, Partial<Record<RegistrySettingAction, RoleLevel>>>
> = {
  project: {
    change_registry_access: ROLE.maintainer,
    view_deploy_tokens: ROLE.maintainer,
    manage_deploy_tokens: ROLE.maintainer,
    manage_job_token_allowlist: ROLE.maintainer,
  },
  group: {
    view_deploy_tokens: ROLE.maintainer,
    manage_deploy_tokens: ROLE.owner,
    read_package_settings: ROLE.reporter,
    manage_package_settings: ROLE.owner,
  },
};

export function canManageRegistry(
  action: RegistrySettingAction,
  scope: PermissionScope,
  ctx: RoleContext,
): boolean {
  const min = REGISTRY_SETTING_ROLES[scope][action];
  return min !== undefined && allowed(min, ctx);
}

const SETTING_PHRASES: Record<RegistrySettingAction, string> = {
  change_registry_access: "change who can pull from the registry",
  view_deploy_tokens: "see deploy tokens",
  manage_deploy_tokens: "create and revoke deploy tokens",
  manage_job_token_allowlist: "change the CI/CD job token allowlist",
  read_package_settings: "read package settings",
  manage_package_settings: "change package settings",
};

/** "Only Owners can change package settings." / "Maintainers and Owners can …" */
export function whoCanManage(action: RegistrySettingAction, scope: PermissionScope): string {
  const min = REGISTRY_SETTING_ROLES[scope][action] ?? ROLE.admin;
  const names = MEMBER_ROLES.filter((r) => r.level >= min).map((r) => PLURAL[r.name]);
  const subject =
    names.length === 0
      ? "Only administrators"
      : names.length === 1
        ? `Only ${names[0]}`
        : joinNames(names);
  return `${subject} can ${SETTING_PHRASES[action]}.`;
}
