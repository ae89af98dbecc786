import type { Reader } from "@/db/queries/catalog-access";
import type { CurrentUser } from "@/lib/auth/session";
import { STALE_AFTER_DAYS } from "@/lib/catalog/rules";
import { PACKAGE_READ_LEVEL } from "@/lib/permissions";

/** The reader every catalog query takes: the user plus the rules the SQL applies for them. */
export function toReader(user: CurrentUser): Reader {
  return {
    userId: user.id,
    isAdmin: user.isAdmin,
    isExternal: user.isExternal,
    readLevel: PACKAGE_READ_LEVEL,
    staleAfterDays: STALE_AFTER_DAYS,
  };
}
