import { getSql } from "@/db";

// Session-level advisory locks need the same connection for lock and unlock, so the work
// runs while one pooled connection is reserved. Any replica may be called; one works.

export async function withSessionAdvisoryLock<T>(
  name: string,
  work: () => Promise<T>,
): Promise<{ acquired: true; value: T } | { acquired: false }> {
  const conn = await getSql().reserve();
  try {
    const [row] = await conn<
      { ok: boolean }[]
    >`select pg_try_advisory_lock(hashtext(${name})) as ok`;
    if (!row.ok) return { acquired: false };
    try {
      return { acquired: true, value: await work() };
    } finally {
      await conn`select pg_advisory_unlock(hashtext(${name}))`;
    }
  } finally {
    conn.release();
  }
}
