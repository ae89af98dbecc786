// The sandbox's browser session (set by the sign-in form, read by /oauth/authorize).
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import { randomToken } from "../state/oauth";
import type { User } from "../state/types";
import type { Ctx } from "./env";

const COOKIE = "_gitlab_sandbox_session";

export function sessionUser(c: Ctx): User | null {
  const sid = getCookie(c, COOKIE);
  const store = c.get("rt").store;
  const userId = sid ? store.sessions.get(sid) : undefined;
  return userId ? (store.usersById.get(userId) ?? null) : null;
}

export function startSession(c: Ctx, user: User) {
  const sid = randomToken();
  c.get("rt").store.sessions.set(sid, user.id);
  setCookie(c, COOKIE, sid, { path: "/", httpOnly: true, sameSite: "Lax" });
}

export function endSession(c: Ctx) {
  const sid = getCookie(c, COOKIE);
  if (sid) c.get("rt").store.sessions.delete(sid);
  deleteCookie(c, COOKIE, { path: "/" });
}
