// Shared record shapes of the sandbox's in-memory GitLab.

export type Visibility = "private" | "internal" | "public";
export type RegistryLevel = "disabled" | "private" | "enabled" | "public";

export const PACKAGE_TYPES = [
  "maven",
  "npm",
  "conan",
  "nuget",
  "pypi",
  "composer",
  "generic",
  "golang",
  "debian",
  "rubygems",
  "helm",
  "terraform_module",
  "rpm",
  "ml_model",
] as const;
export type PackageType = (typeof PACKAGE_TYPES)[number];

export const PACKAGE_STATUSES = [
  "default",
  "hidden",
  "processing",
  "error",
  "pending_destruction",
  "deprecated",
] as const;
export type PackageStatus = (typeof PACKAGE_STATUSES)[number];

export const DISPLAYABLE: ReadonlySet<string> = new Set(["default", "error", "deprecated"]);
export const DETAILED: ReadonlySet<string> = new Set(["default", "deprecated"]);

export interface User {
  id: number;
  username: string;
  name: string;
  email: string;
  isAdmin: boolean;
  external: boolean;
  createdAt: number;
}

export interface Group {
  id: number;
  name: string;
  path: string;
  fullPath: string;
  parentId: number | null;
  visibility: Visibility;
  description: string;
  createdAt: number;
}

export interface Project {
  id: number;
  name: string;
  path: string;
  pathWithNamespace: string;
  groupId: number;
  visibility: Visibility;
  registry: RegistryLevel;
  description: string;
  createdAt: number;
}

export interface Membership {
  userId: number;
  kind: "group" | "project";
  sourceId: number;
  accessLevel: number;
  createdAt: number;
}

/** Lean package version record; files are derived from it on demand (fixture/files.ts). */
export interface PackageRecord {
  id: number;
  projectId: number;
  name: string;
  version: string | null;
  type: PackageType;
  status: PackageStatus;
  createdAt: number;
  lastDownloadedAt: number | null;
  /** user id of the publisher when the package carries build info, else 0 */
  publisherId: number;
  fileCount: number;
  /** created by a package-manager upload: its files live in `store.files` with real bytes */
  uploaded?: boolean;
}

export interface DeployToken {
  id: number;
  ownerKind: "project" | "group";
  ownerId: number;
  name: string;
  username: string;
  scopes: string[];
  expiresAt: string | null;
  revoked: boolean;
  token: string;
}

export interface OAuthToken {
  accessToken: string;
  refreshToken: string;
  userId: number;
  scopes: string[];
  clientId: string;
  createdAt: number; // ms
  expiresAt: number; // ms
  revoked: boolean;
}
