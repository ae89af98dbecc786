import { getSql } from "@/db";

/** Does the database answer? */
export async function pingDatabase(): Promise<boolean> {
  try {
    await getSql()`select 1`;
    return true;
  } catch {
    return false;
  }
}
