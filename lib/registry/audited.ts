import type { AuditVia } from "@/lib/audit/record";
import { recordSettingChange, type SettingChange } from "@/lib/audit/settings";
import { AppError } from "@/lib/errors";
import { toAppError } from "@/lib/gitlab/errors";
import type { Actor } from "./roles";

// Every settings change goes through here: the attempt is audited whatever it came to —
// success, refused (by the portal or by GitLab) or failed — and errors keep their meaning.

const REFUSED = new Set(["forbidden", "not_found", "bad_request", "invalid_input", "conflict"]);

export async function auditedChange<T>(
  change: Omit<SettingChange, "user" | "result" | "message" | "via"> & {
    actor: Actor;
    via: AuditVia;
    message: string;
  },
  run: () => Promise<T>,
): Promise<T> {
  const { actor, ...rest } = change;
  try {
    const result = await run();
    await recordSettingChange({ ...rest, user: actor.user, result: "success" });
    return result;
  } catch (e) {
    const err = e instanceof AppError ? e : toAppError(e);
    await recordSettingChange({
      ...rest,
      user: actor.user,
      result: REFUSED.has(err.code) ? "refused" : "failed",
      message: `${change.message}: ${err.message}`,
    });
    throw err;
  }
}
