// The sandbox's whole state: the fixture plus everything mutated through the API.
import { buildGroups, buildMemberships, buildProjects, buildUsers } from "../fixture/identities";
import { buildBasePackages } from "../fixture/packages";
import { buildScale, mergeScale } from "../fixture/scale";
import type {
  DeployToken,
  Group,
  Membership,
  OAuthToken,
  PackageRecord,
  Project,
  RegistryLevel,
  User,
} from "./types";
import type { PackageSettings } from "./package-settings";
import type { PackageFile } from "../fixture/files";

export interface StoreOptions {
  packages?: number;
  now?: number;
}

export interface AuthCode {
  code: string;
  userId: number;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  challenge: string | null;
  challengeMethod: string | null;
  nonce: string | null;
  expiresAt: number;
}

export class Store {
  readonly now: number;
  users: User[] = [];
  usersById = new Map<number, User>();
  usersByLogin = new Map<string, User>();
  groups: Group[] = [];
  groupsById = new Map<number, Group>();
  groupsByPath = new Map<string, Group>();
  childGroups = new Map<number, Group[]>();
  projects: Project[] = [];
  projectsById = new Map<number, Project>();
  projectsByPath = new Map<string, Project>();
  projectsByGroup = new Map<number, Project[]>();
  memberships: Membership[] = [];
  packages = new Map<number, PackageRecord>();
  /** package ids ordered by (created_at, id) */
  order: number[] = [];
  byProject = new Map<number, number[]>();
  bySeries = new Map<string, number[]>();
  deletedFiles = new Set<number>();
  deployTokens: DeployToken[] = [];
  oauthByAccess = new Map<string, OAuthToken>();
  oauthByRefresh = new Map<string, OAuthToken>();
  authCodes = new Map<string, AuthCode>();
  sessions = new Map<string, number>();
  /** package ids whose status / last download differ from the fixture */
  touched = new Set<number>();
  createdIds: number[] = [];
  registryEdits = new Map<number, RegistryLevel>();
  /** top-level group id → package settings changed from GitLab's defaults (package-settings.ts) */
  packageSettings = new Map<number, Partial<PackageSettings>>();
  /** files of uploaded packages (package id → files with real bytes in the blob store) */
  files = new Map<number, PackageFile[]>();
  /** package-manager metadata of uploaded versions (npm manifest, requires_python, nuspec …) */
  pmMeta = new Map<number, Record<string, unknown>>();
  /** npm dist-tags changed through the protocol: seriesKey → tag → version */
  distTags = new Map<string, Record<string, string>>();
  nextFileId = 1_000_000_001;
  nextPackageId = 1;
  nextDeployTokenId = 1;
  /** bumped on every package mutation; listing caches key on it */
  version = 0;
  requestCount = 0;
  readonly fixtureKey: string;

  constructor(opts: StoreOptions = {}) {
    this.now = opts.now ?? Date.now();
    this.fixtureKey = `packages=${opts.packages ?? 0}`;
    const users = buildUsers(this.now);
    const groups = buildGroups(this.now);
    const projects = buildProjects(groups, this.now);
    let packages = buildBasePackages(this.now);
    if (opts.packages && opts.packages > packages.length) {
      const scale = buildScale(opts.packages, packages.length, this.now);
      groups.push(...scale.groups);
      projects.push(...scale.projects);
      packages = mergeScale(packages, scale.packages);
    }
    users.forEach((u) => this.addUser(u));
    groups.forEach((g) => this.addGroup(g));
    projects.forEach((p) => this.addProject(p));
    this.memberships = buildMemberships(this.now);
    packages.sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
    for (const p of packages) this.indexPackage(p);
  }

  private addUser(u: User) {
    this.users.push(u);
    this.usersById.set(u.id, u);
    this.usersByLogin.set(u.username, u);
    this.usersByLogin.set(u.email, u);
  }

  private addGroup(g: Group) {
    this.groups.push(g);
    this.groupsById.set(g.id, g);
    this.groupsByPath.set(g.fullPath.toLowerCase(), g);
    if (g.parentId !== null) {
      const list = this.childGroups.get(g.parentId) ?? [];
      list.push(g);
      this.childGroups.set(g.parentId, list);
    }
  }

  private addProject(p: Project) {
    this.projects.push(p);
    this.projectsById.set(p.id, p);
    this.projectsByPath.set(p.pathWithNamespace.toLowerCase(), p);
    const list = this.projectsByGroup.get(p.groupId) ?? [];
    list.push(p);
    this.projectsByGroup.set(p.groupId, list);
  }

  /** Append a package (must be the newest by created_at). */
  indexPackage(p: PackageRecord) {
    this.packages.set(p.id, p);
    this.order.push(p.id);
    let list = this.byProject.get(p.projectId);
    if (!list) this.byProject.set(p.projectId, (list = []));
    list.push(p.id);
    const key = seriesKey(p.projectId, p.type, p.name);
    let series = this.bySeries.get(key);
    if (!series) this.bySeries.set(key, (series = []));
    series.push(p.id);
    if (p.id >= this.nextPackageId) this.nextPackageId = p.id + 1;
    this.version++;
  }

  /** The group and all its descendants. */
  groupTree(groupId: number): Group[] {
    const out: Group[] = [];
    const walk = (id: number) => {
      const g = this.groupsById.get(id);
      if (!g) return;
      out.push(g);
      for (const c of this.childGroups.get(id) ?? []) walk(c.id);
    };
    walk(groupId);
    return out;
  }

  /** The group and its ancestors, nearest first. */
  ancestors(groupId: number): Group[] {
    const out: Group[] = [];
    for (
      let g = this.groupsById.get(groupId);
      g;
      g = g.parentId ? this.groupsById.get(g.parentId) : undefined
    ) {
      out.push(g);
    }
    return out;
  }

  projectsInTree(groupId: number, includeSubgroups: boolean): Project[] {
    const groups = includeSubgroups
      ? this.groupTree(groupId)
      : [this.groupsById.get(groupId)!].filter(Boolean);
    return groups.flatMap((g) => this.projectsByGroup.get(g.id) ?? []);
  }
}

export function seriesKey(projectId: number, type: string, name: string): string {
  return `${projectId}\u0000${type}\u0000${name}`;
}
