// Instance metadata: GET /version and /metadata (authenticated, as on GitLab).
import { Hono } from "hono";
import type { SandboxEnv } from "../http/env";
import { fail } from "../http/errors";

export const metadataRoutes = new Hono<SandboxEnv>();

const VERSION = { version: "18.0.0-sandbox", revision: "sandbox" };

// GET /version — GitLab version of the instance
metadataRoutes.get("/version", (c) => {
  if (!c.get("caller").user) fail(401, { message: "401 Unauthorized" });
  return c.json(VERSION);
});

// GET /metadata — version plus feature flags the portal may probe
metadataRoutes.get("/metadata", (c) => {
  if (!c.get("caller").user) fail(401, { message: "401 Unauthorized" });
  return c.json({
    ...VERSION,
    kas: { enabled: false, externalUrl: null, version: null },
    enterprise: false,
  });
});
