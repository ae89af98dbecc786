import type { AuditViewer } from "@/db/queries/audit";
import type { CurrentUser } from "@/lib/auth/session";
import { ROLE } from "@/lib/permissions";

/**
 * Who reads which audit events: admins all; others their own actions plus the events of
 * projects where they are Maintainer or above (the people who may delete there).
 */
export const toAuditViewer = (user: CurrentUser): AuditViewer => ({
  userId: user.id,
  isAdmin: user.isAdmin,
  reviewLevel: ROLE.maintainer,
});
