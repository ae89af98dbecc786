import { and, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { auditEvents, userProjectAccess } from "@/db/schema";

export type AuditEventInput = typeof auditEvents.$inferInsert;
export type AuditEvent = typeof auditEvents.$inferSelect;

export async function createAuditEvent(event: AuditEventInput, tx: DbOrTx = getDb()) {
  await tx.insert(auditEvents).values(event);
}

/** `reviewLevel`: the role from which a member reads a project's events (lib/audit/viewer.ts). */
export type AuditViewer = { userId: number; isAdmin: boolean; reviewLevel: number };

export type AuditFilter = {
  actor?: string;
  /** A numeric project id, or part of a project path. */
  project?: string;
  action?: string;
  result?: "success" | "refused" | "failed";
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
};

/**
 * Who may read which events: admins read all; everyone else reads the events of projects
 * where their cached role is Maintainer or above (the people who may delete there) plus
 * their own actions, wherever they happened.
 */
function visibleTo(viewer: AuditViewer, tx: DbOrTx): SQL | undefined {
  if (viewer.isAdmin) return undefined;
  const maintained = tx
    .select({ id: userProjectAccess.projectId })
    .from(userProjectAccess)
    .where(
      and(
        eq(userProjectAccess.userId, viewer.userId),
        gte(userProjectAccess.accessLevel, viewer.reviewLevel),
      ),
    );
  return or(eq(auditEvents.actorId, viewer.userId), inArray(auditEvents.projectId, maintained));
}

function matching(f: AuditFilter): SQL[] {
  const where: SQL[] = [];
  if (f.actor) where.push(sql`lower(${auditEvents.actorUsername}) = lower(${f.actor})`);
  if (f.project) {
    where.push(
      /^\d+$/.test(f.project)
        ? eq(auditEvents.projectId, Number(f.project))
        : ilike(auditEvents.projectPath, `%${f.project.replace(/[\\%_]/g, "\\$&")}%`),
    );
  }
  if (f.action) where.push(eq(auditEvents.action, f.action));
  if (f.result) where.push(eq(auditEvents.result, f.result));
  if (f.from) where.push(gte(auditEvents.at, f.from));
  if (f.to) where.push(lt(auditEvents.at, f.to));
  return where;
}

export async function listAuditEvents(
  {
    viewer,
    page = 1,
    perPage = 50,
    ...filter
  }: AuditFilter & { viewer: AuditViewer; page?: number; perPage?: number },
  tx: DbOrTx = getDb(),
): Promise<{ items: AuditEvent[]; total: number; page: number; perPage: number }> {
  const scope = visibleTo(viewer, tx);
  const where = and(...matching(filter), ...(scope ? [scope] : []));
  const [items, [{ count }]] = await Promise.all([
    tx
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    tx
      .select({ count: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(where),
  ]);
  return { items, total: count, page, perPage };
}

/** Distinct actions recorded so far (for the filter menu). */
export async function listAuditActions(tx: DbOrTx = getDb()): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ action: auditEvents.action })
    .from(auditEvents)
    .orderBy(auditEvents.action);
  return rows.map((r) => r.action);
}

/** Many events at once (a retention run records one per action). */
export async function createAuditEvents(events: AuditEventInput[], tx: DbOrTx = getDb()) {
  for (let i = 0; i < events.length; i += 1000)
    await tx.insert(auditEvents).values(events.slice(i, i + 1000));
}
