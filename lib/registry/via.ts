import type { Identity } from "@/lib/api/route";
import type { AuditVia } from "@/lib/audit/record";

/** How a settings change arrived, for the audit log: the portal's pages, or a token script. */
export const viaOf = (identity: Identity): AuditVia => (identity.via === "session" ? "ui" : "api");
