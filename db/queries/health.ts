import { getSql } from "@/db";

/** Does the database answer a trivial query? (Unbounded: the caller bounds the wait.) */
export function pingDatabase(): Promise<boolean> {
  return getSql()`select 1`.then(
    () => true,
    () => false,
  );
}
