import postgres from "postgres";
import { requireDatabaseUrl } from "@/lib/env";

/**
 * Holds ACCESS EXCLUSIVE on `table` from another client — what an ALTER or a VACUUM FULL
 * takes — until the returned release is called (it resolves once the lock is gone).
 */
export async function holdTableLock(table: "packages"): Promise<() => Promise<void>> {
  const other = postgres(requireDatabaseUrl(), { max: 1, onnotice: () => {} });
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const holder = other.begin(async (tx) => {
    await tx`lock table ${tx(table)} in access exclusive mode`;
    locked();
    await released;
  });
  await Promise.race([isLocked, holder]);
  return async () => {
    release();
    await holder;
    await other.end();
  };
}
