import { and, asc, eq } from "drizzle-orm";
import { getDb, getSql, type DbOrTx } from "@/db";
import { packageFiles, packages, projects, userProjectAccess } from "@/db/schema";
import { writeCatalog } from "../catalog-changes";
import { refreshSeriesRow } from "./package-series";

// Reads and writes of the catalog mirror that a delete needs. The mirror is never the authority
// for a write; these rows only say what the user asked about and are changed after GitLab agreed.

export type DeleteTarget = {
  id: number;
  name: string;
  version: string | null;
  packageType: string;
  projectId: number;
  projectPath: string;
  visibility: string;
  registryAccessLevel: string;
  sizeBytes: number | null;
  fileCount: number | null;
  /** The user's cached effective level on the project (null = no membership). */
  cachedLevel: number | null;
};

/** One package with its project and the user's cached role there, or undefined. */
export async function getDeleteTarget(
  { userId, packageId }: { userId: number; packageId: number },
  tx: DbOrTx = getDb(),
): Promise<DeleteTarget | undefined> {
  const [row] = await tx
    .select({
      id: packages.id,
      name: packages.name,
      version: packages.version,
      packageType: packages.packageType,
      projectId: packages.projectId,
      projectPath: projects.pathWithNamespace,
      visibility: projects.visibility,
      registryAccessLevel: projects.registryAccessLevel,
      sizeBytes: packages.sizeBytes,
      fileCount: packages.fileCount,
      cachedLevel: userProjectAccess.accessLevel,
    })
    .from(packages)
    .innerJoin(projects, eq(projects.id, packages.projectId))
    .leftJoin(
      userProjectAccess,
      and(
        eq(userProjectAccess.projectId, packages.projectId),
        eq(userProjectAccess.userId, userId),
      ),
    )
    .where(eq(packages.id, packageId));
  return row;
}

export type MirroredFile = { id: number; fileName: string; size: number };

export async function listMirroredFiles(
  packageId: number,
  tx: DbOrTx = getDb(),
): Promise<MirroredFile[]> {
  return tx
    .select({ id: packageFiles.id, fileName: packageFiles.fileName, size: packageFiles.size })
    .from(packageFiles)
    .where(eq(packageFiles.packageId, packageId))
    .orderBy(asc(packageFiles.id));
}

/** Drops a deleted version (its files cascade) and closes the gap it leaves in version_rank. */
export async function deleteMirroredPackage(packageId: number): Promise<void> {
  const sql = getSql();
  await writeCatalog(() =>
    sql.begin(async (tx) => {
      const [series] = await tx<{ project_id: string; package_type: string; name: string }[]>`
        select project_id, package_type, name from packages where id = ${packageId}`;
      if (!series) return;
      // Concurrent deletes in one series (a bulk run) would otherwise renumber the same rows in
      // different orders and deadlock; one series at a time, for the length of this transaction.
      await tx`select pg_advisory_xact_lock(hashtext(${`rank:${series.project_id}:${series.package_type}:${series.name}`}))`;
      const [gone] = await tx<{ project_id: string; package_type: string; name: string }[]>`
        delete from packages where id = ${packageId} returning project_id, package_type, name`;
      if (!gone) return;
      // Ranks stay in the same order without the deleted row; renumber so "the N highest" and
      // "the newest" keep meaning what they say. Unranked rows (0) are left for the next sync.
      await tx`
        update packages p set version_rank = r.rank
        from (
          select id, row_number() over (order by version_rank, id) as rank
          from packages
          where project_id = ${gone.project_id} and package_type = ${gone.package_type}
            and name = ${gone.name} and version_rank > 0
        ) r
        where p.id = r.id and p.version_rank <> r.rank`;
      await refreshSeriesRow(tx, toSeriesKey(gone));
    }),
  );
}

/** Drops a deleted file and recomputes the version's size and file count from what remains. */
export async function deleteMirroredFile(packageId: number, fileId: number): Promise<void> {
  const sql = getSql();
  await writeCatalog(() =>
    sql.begin(async (tx) => {
      await tx`delete from package_files where package_id = ${packageId} and id = ${fileId}`;
      await tx`
        update packages set
          size_bytes = (select coalesce(sum(size), 0) from package_files where package_id = ${packageId}),
          file_count = (select count(*) from package_files where package_id = ${packageId})
        where id = ${packageId} and files_synced_at is not null`;
      const [series] = await tx<{ project_id: string; package_type: string; name: string }[]>`
        select project_id, package_type, name from packages where id = ${packageId}`;
      if (series) await refreshSeriesRow(tx, toSeriesKey(series));
    }),
  );
}

const toSeriesKey = (r: { project_id: string; package_type: string; name: string }) => ({
  projectId: Number(r.project_id),
  packageType: r.package_type,
  name: r.name,
});
