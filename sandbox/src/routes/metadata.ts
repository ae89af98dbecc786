// Instance metadata: GET /version and /metadata (authenticated, as on GitLab).
import { Hono } from "hono";
import type { Ctx, SandboxEnv } from "../http/env";
import { fail } from "../http/errors";

export const metadataRoutes = new Hono<SandboxEnv>();

const version = (c: Ctx) => ({
  version: c.get("rt").features.version.text,
  revision: "sandbox",
});

// GET /version — GitLab version of the instance
metadataRoutes.get("/version", (c) => {
  if (!c.get("caller").user) fail(401, { message: "401 Unauthorized" });
  return c.json(version(c));
});

// GET /metadata — version plus feature flags the portal may probe
metadataRoutes.get("/metadata", (c) => {
  if (!c.get("caller").user) fail(401, { message: "401 Unauthorized" });
  return c.json({
    ...version(c),
    kas: { enabled: false, externalUrl: null, version: null },
    enterprise: false,
  });
});
