// Users: the current user and public profiles (facts §4.1).
import { Hono } from "hono";
import { currentUser, userPublic } from "../entities/user";
import type { SandboxEnv } from "../http/env";
import { fail } from "../http/errors";
import { paginate } from "../http/pagination";
import { query } from "../http/params";

export const userRoutes = new Hono<SandboxEnv>();

// GET /user — the signed-in user incl. private fields
userRoutes.get("/user", (c) => {
  const user = c.get("caller").user;
  if (!user || c.get("caller").kind === "job") fail(401, { message: "401 Unauthorized" });
  return c.json(currentUser(c.get("rt"), user!));
});

// GET /users — list (optionally ?username=)
userRoutes.get("/users", (c) => {
  const rt = c.get("rt");
  const username = query(c, "username");
  const search = query(c, "search")?.toLowerCase();
  const users = rt.store.users.filter(
    (u) =>
      (!username || u.username.toLowerCase() === username.toLowerCase()) &&
      (!search || u.username.includes(search) || u.name.toLowerCase().includes(search)),
  );
  return paginate(c, users, (u) => userPublic(rt, u));
});

// GET /users/:id — public profile
userRoutes.get("/users/:id", (c) => {
  const rt = c.get("rt");
  const raw = c.req.param("id");
  const user = /^\d+$/.test(raw) ? rt.store.usersById.get(Number(raw)) : undefined;
  if (!user) fail(404, { message: "404 User Not Found" });
  // GitLab answers an administrator with UserWithAdmin (is_admin among its fields).
  const admin = c.get("caller").user?.isAdmin === true;
  return c.json({ ...userPublic(rt, user!), ...(admin ? { is_admin: user!.isAdmin } : {}) });
});
