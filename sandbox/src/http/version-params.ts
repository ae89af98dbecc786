// Parameters whose accepted values depend on the GitLab release the sandbox plays.
import { accessLevelValues } from "../state/version";
import type { Ctx } from "./env";
import { fail } from "./errors";
import { intParam } from "./params";

/** min_access_level, validated like Grape's `values: Gitlab::Access.all_values` (400 otherwise). */
export function minAccessLevel(c: Ctx): number | undefined {
  const level = intParam(c, "min_access_level");
  if (level !== undefined && !accessLevelValues(c.get("rt").features).includes(level))
    fail(400, { error: "min_access_level does not have a valid value" });
  return level;
}
