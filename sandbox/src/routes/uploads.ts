// GET /uploads/-/system/user/avatar/:id/avatar.png — user avatars, as GitLab serves uploads.
// Drawn on the fly (initial on a colour from the user id) so avatar_url always resolves.
import { Hono } from "hono";
import type { SandboxEnv } from "../http/env";

export const uploadRoutes = new Hono<SandboxEnv>();

const COLOURS = [
  "#6366f1",
  "#0ea5e9",
  "#10b981",
  "#f59e0b",
  "#ef4444",
  "#8b5cf6",
  "#14b8a6",
  "#ec4899",
  "#64748b",
];

uploadRoutes.get("/uploads/-/system/user/avatar/:id/avatar.png", (c) => {
  const id = Number(c.req.param("id"));
  const user = c.get("rt").store.usersById.get(id);
  if (!user) return c.json({ message: "404 Not found" }, 404);
  const fill = COLOURS[id % COLOURS.length];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" fill="${fill}"/><text x="32" y="42" font-family="sans-serif" font-size="30" font-weight="600" fill="#fff" text-anchor="middle">${user.username[0].toUpperCase()}</text></svg>`;
  return c.body(svg, 200, {
    "content-type": "image/svg+xml",
    "cache-control": "public, max-age=86400",
  });
});
