// Package, package version, package file and pipeline entities (facts §2.3, §2.5).
import { createHash } from "node:crypto";
import { fileHashes, type PackageFile } from "../fixture/files";
import type { Runtime } from "../state/runtime";
import { seriesKey } from "../state/store";
import { DETAILED, type PackageRecord, type Project } from "../state/types";
import { userBasic } from "./user";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface PackageView {
  canDelete: boolean;
  /** group listings: add project_id and (when readable) project_path */
  groupListing?: { projectPath: string | null };
}

export function pipelineOf(rt: Runtime, p: PackageRecord) {
  if (!p.publisherId) return null;
  const project = rt.store.projectsById.get(p.projectId)!;
  const user = rt.store.usersById.get(p.publisherId)!;
  const id = 100_000 + p.id;
  return {
    id,
    iid: (p.id % 900) + 1,
    project_id: p.projectId,
    sha: createHash("sha1").update(`pipeline:${p.id}`).digest("hex"),
    ref: p.version ? `v${p.version}` : "main",
    status: "success",
    source: "push",
    created_at: iso(p.createdAt - 240_000),
    updated_at: iso(p.createdAt - 5_000),
    web_url: `${rt.publicUrl}/${project.pathWithNamespace}/-/pipelines/${id}`,
    user: userBasic(rt, user),
  };
}

/** npm packages carry the `latest` dist-tag on the newest default version of their series. */
function tagsOf(rt: Runtime, p: PackageRecord) {
  if (p.type !== "npm" || p.status !== "default" || !p.version || p.version.includes("-"))
    return [];
  const series = rt.store.bySeries.get(seriesKey(p.projectId, p.type, p.name)) ?? [];
  for (let i = series.length - 1; i >= 0; i--) {
    const other = rt.store.packages.get(series[i])!;
    if (other.status === "default" && other.version && !other.version.includes("-")) {
      if (other.id !== p.id) return [];
      const at = iso(p.createdAt);
      return [{ id: p.id, package_id: p.id, name: "latest", created_at: at, updated_at: at }];
    }
  }
  return [];
}

export function packageEntity(rt: Runtime, p: PackageRecord, project: Project, view: PackageView) {
  const pipeline = pipelineOf(rt, p);
  const links: Record<string, string> = {};
  if (DETAILED.has(p.status)) links.web_path = `/${project.pathWithNamespace}/-/packages/${p.id}`;
  if (view.canDelete)
    links.delete_api_path = `${rt.publicUrl}/api/v4/projects/${p.projectId}/packages/${p.id}`;
  return {
    id: p.id,
    name: p.name,
    version: p.version,
    package_type: p.type,
    status: p.status,
    _links: links,
    created_at: iso(p.createdAt),
    last_downloaded_at: iso(p.lastDownloadedAt),
    ...(view.groupListing
      ? {
          project_id: p.projectId,
          ...(view.groupListing.projectPath ? { project_path: view.groupListing.projectPath } : {}),
        }
      : {}),
    tags: tagsOf(rt, p),
    ...(pipeline ? { pipeline, pipelines: [] } : {}),
  };
}

export function versionEntity(rt: Runtime, p: PackageRecord) {
  const pipeline = pipelineOf(rt, p);
  return {
    id: p.id,
    version: p.version,
    created_at: iso(p.createdAt),
    tags: tagsOf(rt, p),
    ...(pipeline ? { pipeline } : {}),
  };
}

export function packageFileEntity(rt: Runtime, f: PackageFile, p: PackageRecord) {
  const h = fileHashes(f);
  const pipeline = pipelineOf(rt, p);
  return {
    id: f.id,
    package_id: f.packageId,
    created_at: iso(f.createdAt),
    file_name: f.fileName,
    size: f.size,
    file_md5: h.md5,
    file_sha1: h.sha1,
    file_sha256: h.sha256,
    ...(pipeline ? { pipelines: [pipeline] } : {}),
  };
}
