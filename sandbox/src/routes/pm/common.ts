// Shared pieces of the package-manager routes: resolving the project or group with
// BasicAuthHelpers' 401/403/404 split, file bytes, and the rest of the path after a prefix.
import { fixtureArtifact } from "../../fixture/artifacts";
import type { PackageFile } from "../../fixture/files";
import type { Ctx } from "../../http/env";
import { fail } from "../../http/errors";
import { pmUnauthorized } from "../../http/pm-auth";
import { findGroup, findProject } from "../../http/resolve";
import { groupReadableProjects, groupVisible, projectAccess } from "../../state/pm-access";
import { storedBytes } from "../../state/pm-store";
import type { Group, PackageRecord, Project } from "../../state/types";

/**
 * The project of a project-level package route. `read` needs read_package (a public registry
 * lets anyone pull), `write` needs create_package. Anonymous → 401 with the realm header; a
 * project the caller cannot see → 404; visible but refused → 403 (authorized_project_find!).
 */
export function pmProject(c: Ctx, need: "read" | "write"): Project {
  const store = c.get("rt").store;
  const caller = c.get("caller");
  const project = findProject(c, c.req.param("id") ?? "");
  if (!project) return caller.kind === "anonymous" ? pmUnauthorized() : projectNotFound();
  const access = projectAccess(store, caller, project);
  if (need === "read" ? access.read : access.write) return project;
  if (caller.kind === "anonymous") pmUnauthorized();
  if (!access.visible) projectNotFound();
  fail(403, { message: "403 Forbidden" });
}

// authorized_project_find!: not_found! with no resource → "404 Not Found"
const projectNotFound = (): never => fail(404, { message: "404 Not Found" });

/** The group of a group-level route and the projects whose packages it serves the caller. */
export function pmGroup(c: Ctx): { group: Group; projects: Project[] } {
  const store = c.get("rt").store;
  const caller = c.get("caller");
  const group = findGroup(c, c.req.param("id") ?? "");
  if (!group || !groupVisible(store, caller, group)) {
    if (caller.kind === "anonymous") pmUnauthorized();
    fail(404, { message: "404 Group Not Found" });
  }
  return { group: group!, projects: groupReadableProjects(store, caller, group!) };
}

/** What follows `marker` in the raw (still percent-encoded) path. */
export function restOf(c: Ctx, marker: string): string {
  const path = new URL(c.req.url).pathname;
  const i = path.indexOf(marker);
  return i < 0 ? "" : path.slice(i + marker.length);
}

export function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    fail(400, { message: "400 Bad request - invalid path encoding" });
  }
}

/** Bytes of a package file: uploaded bytes from the blob store, else the generated fixture. */
export async function fileBytes(c: Ctx, p: PackageRecord, f: PackageFile): Promise<Buffer> {
  const stored = storedBytes(c.get("rt"), f);
  if (stored) return stored;
  const generated = await fixtureArtifact(p, f.fileName);
  if (!generated) fail(404, { message: "404 Not found" });
  return generated!;
}

/** The user a package's pipeline is attributed to: job-token uploads carry build info. */
export function publisherOf(c: Ctx): number {
  const caller = c.get("caller");
  return caller.kind === "job" ? (caller.user?.id ?? 0) : 0;
}

export function binary(c: Ctx, bytes: Buffer, type: string, headers: Record<string, string> = {}) {
  return c.body(new Uint8Array(bytes), 200, {
    "content-type": type,
    "content-length": String(bytes.length),
    ...headers,
  });
}

export const notFound = (what = "Not found"): never =>
  fail(404, { message: what === "Not found" ? "404 Not found" : `404 ${what} Not Found` });
