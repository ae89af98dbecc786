import { canReadScope, type ScopeRef } from "@/db/queries/retention-policies";
import type { CurrentUser } from "@/lib/auth/session";
import { reader } from "./authorize";

/** May this user read the group or project (and so its policies)? For pages. */
export const canReadScopeOf = (user: CurrentUser, scope: ScopeRef) =>
  canReadScope(reader(user), scope);
