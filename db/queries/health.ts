import { getSql } from "@/db";
import { within } from "@/lib/bounded";

/** Does the database answer, within `ms`? (A hung server or a wedged pool is "no".) */
export async function pingDatabase(ms = 3_000): Promise<boolean> {
  const ping = getSql()`select 1`.then(
    () => true,
    () => false,
  );
  return within(ms, ping, () => false);
}
