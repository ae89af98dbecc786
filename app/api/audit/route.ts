// GET /api/audit — audit events the caller may read, filtered; format=csv downloads them.
import { toAuditViewer } from "@/lib/audit/viewer";
import { listAuditEvents } from "@/db/queries/audit";
import { route } from "@/lib/api/route";
import { auditEventsToCsv } from "@/lib/audit/export";
import { auditDateRange, auditQuerySchema } from "@/lib/validations/audit";

export const dynamic = "force-dynamic";

/** A CSV export is one file, not a page; this bounds what one request may pull. */
const CSV_MAX_ROWS = 10_000;

export const GET = route({ auth: "user", query: auditQuerySchema }, async ({ identity, query }) => {
  const csv = query.format === "csv";
  const list = await listAuditEvents({
    viewer: toAuditViewer(identity.user),
    actor: query.actor,
    project: query.project,
    action: query.action,
    result: query.result,
    ...auditDateRange(query),
    page: csv ? 1 : query.page,
    perPage: csv ? CSV_MAX_ROWS : query.per_page,
  });
  if (csv) {
    const stamp = new Date().toISOString().slice(0, 10);
    return new Response(auditEventsToCsv(list.items), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="audit-${stamp}.csv"`,
        "cache-control": "no-store",
      },
    });
  }
  return {
    items: list.items.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actor: e.actorUsername,
      action: e.action,
      result: e.result,
      via: e.via,
      project_id: e.projectId,
      project_path: e.projectPath,
      package_id: e.packageId,
      package_name: e.packageName,
      package_version: e.packageVersion,
      package_type: e.packageType,
      file_id: e.fileId,
      file_name: e.fileName,
      bytes: e.bytes,
      message: e.message,
    })),
    total: list.total,
    page: list.page,
    per_page: list.perPage,
  };
});
