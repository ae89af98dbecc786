// SANDBOX_DATA_DIR: mutable state as one JSON file, written debounced with an atomic rename.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Store } from "./store";
import type { PackageFile } from "../fixture/files";
import type { DeployToken, OAuthToken, PackageRecord, PackageStatus, RegistryLevel } from "./types";

const FILE = "sandbox-state.json";

interface Snapshot {
  fixtureKey: string;
  packages: Record<string, { status: PackageStatus; lastDownloadedAt: number | null }>;
  created: PackageRecord[];
  deletedFiles: number[];
  registry: Record<string, RegistryLevel>;
  deployTokens: DeployToken[];
  nextDeployTokenId: number;
  oauth: OAuthToken[];
  /** package-manager uploads (bytes are in sandbox-blobs/) */
  files?: [number, PackageFile[]][];
  pmMeta?: [number, Record<string, unknown>][];
  distTags?: [string, Record<string, string>][];
  nextFileId?: number;
}

export function snapshot(store: Store): Snapshot {
  const packages: Snapshot["packages"] = {};
  const created = new Set(store.createdIds);
  for (const id of store.touched) {
    const p = store.packages.get(id);
    if (p && !created.has(id))
      packages[id] = { status: p.status, lastDownloadedAt: p.lastDownloadedAt };
  }
  return {
    fixtureKey: store.fixtureKey,
    packages,
    created: store.createdIds.map((id) => store.packages.get(id)!).filter(Boolean),
    deletedFiles: [...store.deletedFiles],
    registry: Object.fromEntries(store.registryEdits),
    deployTokens: store.deployTokens,
    nextDeployTokenId: store.nextDeployTokenId,
    oauth: [...new Set(store.oauthByAccess.values())],
    files: [...store.files],
    pmMeta: [...store.pmMeta],
    distTags: [...store.distTags],
    nextFileId: store.nextFileId,
  };
}

export function loadInto(store: Store, dataDir: string): boolean {
  let snap: Snapshot;
  try {
    snap = JSON.parse(readFileSync(path.join(dataDir, FILE), "utf8")) as Snapshot;
  } catch {
    return false;
  }
  if (snap.fixtureKey !== store.fixtureKey) {
    console.warn(
      `sandbox: ignoring ${FILE} written for ${snap.fixtureKey} (now ${store.fixtureKey})`,
    );
    return false;
  }
  for (const [id, v] of Object.entries(snap.packages)) {
    const p = store.packages.get(Number(id));
    if (!p) continue;
    p.status = v.status;
    p.lastDownloadedAt = v.lastDownloadedAt;
    store.touched.add(p.id);
  }
  for (const p of snap.created.sort((a, b) => a.createdAt - b.createdAt || a.id - b.id)) {
    store.indexPackage(p);
    store.createdIds.push(p.id);
  }
  snap.deletedFiles.forEach((id) => store.deletedFiles.add(id));
  for (const [id, level] of Object.entries(snap.registry)) {
    const project = store.projectsById.get(Number(id));
    if (project) {
      project.registry = level;
      store.registryEdits.set(project.id, level);
    }
  }
  store.deployTokens = snap.deployTokens;
  store.nextDeployTokenId = snap.nextDeployTokenId;
  for (const t of snap.oauth) {
    store.oauthByAccess.set(t.accessToken, t);
    store.oauthByRefresh.set(t.refreshToken, t);
  }
  for (const [id, files] of snap.files ?? []) {
    const p = store.packages.get(id);
    if (!p) continue;
    store.files.set(id, files);
    p.uploaded = true;
    p.fileCount = files.length;
  }
  for (const [id, meta] of snap.pmMeta ?? []) store.pmMeta.set(id, meta);
  for (const [key, tags] of snap.distTags ?? []) store.distTags.set(key, tags);
  if (snap.nextFileId) store.nextFileId = snap.nextFileId;
  store.version++;
  return true;
}

export function writeSnapshot(store: Store, dataDir: string) {
  mkdirSync(dataDir, { recursive: true });
  const target = path.join(dataDir, FILE);
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(snapshot(store)));
  renameSync(tmp, target);
}

export function clearSnapshot(dataDir: string) {
  rmSync(path.join(dataDir, FILE), { force: true });
}
