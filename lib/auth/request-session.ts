import { createHash } from "node:crypto";
import { decode, getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { SESSION_COOKIES } from "./cookies";

// The user id in an API request's session cookie. next-auth's getServerSession decrypts the
// cookie, runs the callbacks and encrypts a renewed cookie that a route handler never sends —
// and identify() used to call it twice (React's cache() does not dedupe outside a render).
// An API call only needs the id: decrypt once, and remember the answer for that exact cookie
// (by hash) until the cookie expires. Nothing here is a permission: the user behind the id is
// still looked up (session.ts, sessionUser).

const MAX_ENTRIES = 5_000;
/** jose's tolerance when next-auth decodes (clockTolerance: 15 s). */
const CLOCK_TOLERANCE_MS = 15_000;
const known = new Map<string, { userId: number; expiresAt: number }>();

/** The session's user id, or null: no session cookie, or one that is forged or expired. */
export async function sessionUserId(req: NextRequest): Promise<number | null> {
  const cookieName = SESSION_COOKIES.find((name) => req.cookies.has(name));
  if (!cookieName) return null;
  const secret = env().nextAuthSecret;
  // raw: the cookie's value (next-auth joins a cookie split in chunks).
  const raw = await getToken({ req, cookieName, secret, raw: true });
  if (!raw) return null;
  const key = createHash("sha256").update(raw).digest("base64");
  const hit = known.get(key);
  if (hit) {
    if (hit.expiresAt + CLOCK_TOLERANCE_MS > Date.now()) return hit.userId;
    known.delete(key);
    return null;
  }
  const payload = await decode({ token: raw, secret }).catch(() => null);
  const userId = Number(payload?.sub);
  if (!payload || !Number.isSafeInteger(userId) || userId <= 0) return null;
  if (typeof payload.exp !== "number") return userId;
  if (known.size >= MAX_ENTRIES) known.clear();
  known.set(key, { userId, expiresAt: payload.exp * 1000 });
  return userId;
}
