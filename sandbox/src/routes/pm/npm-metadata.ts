// npm package documents (GitLab's Packages::Npm::PackagePresenter): versions with dist
// shasum/integrity of the exact bytes served and tarball URLs under the request's prefix.
import { createHash } from "node:crypto";
import { npmPackageJson } from "../../fixture/artifacts";
import type { Ctx } from "../../http/env";
import { packageFiles, seriesOf } from "../../state/pm-store";
import { seriesKey, type Store } from "../../state/store";
import type { PackageRecord, PackageStatus, Project } from "../../state/types";
import { fileBytes } from "./common";

/** Versions npm may install: hidden ones too; error/processing/pending ones are not served. */
export const NPM_INSTALLABLE: ReadonlySet<PackageStatus> = new Set([
  "default",
  "hidden",
  "deprecated",
]);

export function npmVersions(store: Store, projects: Project[], name: string): PackageRecord[] {
  return projects
    .flatMap((pr) => seriesOf(store, pr.id, "npm", name))
    .filter((p) => p.version !== null && NPM_INSTALLABLE.has(p.status))
    .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
}

const isPre = (v: string) => v.includes("-");

/** dist-tags: set through the protocol, else `latest` = newest default non-prerelease version. */
export function distTagsOf(store: Store, versions: PackageRecord[]): Record<string, string> {
  if (!versions.length) return {};
  const p = versions.at(-1)!;
  const set = store.distTags.get(seriesKey(p.projectId, "npm", p.name));
  if (set) return { ...set };
  const stable = versions.filter((v) => v.status === "default" && !isPre(v.version!));
  const latest = (stable.length ? stable : versions).at(-1)!;
  return { latest: latest.version! };
}

export async function tarballOf(c: Ctx, p: PackageRecord) {
  const file = packageFiles(c.get("rt").store, p)
    .filter((f) => f.fileName.endsWith(".tgz"))
    .at(-1);
  if (!file) return null;
  const bytes = await fileBytes(c, p, file);
  return { file, bytes };
}

export async function packageDocument(
  c: Ctx,
  prefix: string,
  name: string,
  versions: PackageRecord[],
) {
  const store = c.get("rt").store;
  const out: Record<string, unknown> = {};
  for (const p of versions) {
    const tb = await tarballOf(c, p);
    if (!tb) continue;
    const meta = (store.pmMeta.get(p.id)?.manifest as Record<string, unknown> | undefined) ?? {
      ...npmPackageJson(p.name, p.version!),
    };
    out[p.version!] = {
      ...meta,
      name: p.name,
      version: p.version,
      ...(p.status === "deprecated"
        ? {
            deprecated:
              (store.pmMeta.get(p.id)?.deprecated as string | undefined) ||
              "This version is deprecated",
          }
        : {}),
      dist: {
        shasum: createHash("sha1").update(tb.bytes).digest("hex"),
        integrity: `sha512-${createHash("sha512").update(tb.bytes).digest("base64")}`,
        tarball: `${prefix}/${name}/-/${name}-${p.version}.tgz`,
      },
    };
  }
  return { name, versions: out, "dist-tags": distTagsOf(store, versions) };
}
